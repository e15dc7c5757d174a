package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("dual-engine")
class ChdbEngineTests {

    static ChdbEngine chdb;

    @BeforeAll
    static void open() {
        chdb = ChdbEngine.open("chdb_engine_tests");
    }

    @AfterAll
    static void close() {
        chdb.close();
    }

    @Test
    void aMissingLibraryFailsWithTheFetchHint() {
        assertThatThrownBy(() -> ChdbLibrary.load(Path.of("/nonexistent/libchdb.so")))
                .hasMessageStartingWith("libchdb.so not found: run devstack/bin/fetch-chdb");
    }

    @Test
    void answersAsACurrentClickHouseInItsOwnDatabase() {
        Map<String, Object> row = chdb.query("SELECT version() AS version, currentDatabase() AS db, toUInt64(?) AS big", Long.MAX_VALUE).get(0);

        assertThat((String) row.get("version")).startsWith("26.5.");
        assertThat(row.get("db")).isEqualTo("chdb_engine_tests");
        assertThat(row.get("big")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusedStatementsThrowWithTheEnginesReason() {
        assertThatThrownBy(() -> chdb.query("SELECT no_such_column"))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("UNKNOWN_IDENTIFIER");
    }

    @Test
    void theJvmStillTurnsNullDereferencesIntoExceptionsAfterChdbBooted() {
        // chDB's engine resets SIGSEGV while connecting; with libjsig the JVM keeps its own handler.
        ChdbEngine second = ChdbEngine.open("chdb_engine_tests_second");
        second.close();
        int caught = 0;
        for (int i = 0; i < 200_000; i++) {
            try {
                caught += hashOf(i % 1_000 == 0 ? null : List.of(i));
            } catch (NullPointerException e) {
                caught++;
            }
        }
        assertThat(caught).isGreaterThan(0);
    }

    private static int hashOf(Object o) {
        return o.hashCode() == 0 ? 1 : 0;
    }
}
