package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link SqlLiteral} and the JSONEachRow writer keep hostile strings intact on both engines. */
@Tag("dual-engine")
class EscapingDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(EscapingDualEngineTests.class);
        engines.execute("CREATE TABLE IF NOT EXISTS hostile (n UInt32, s String, maybe Nullable(String)) ENGINE = MergeTree ORDER BY n");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < HostileStrings.ALL.size(); i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("n", i);
            row.put("s", HostileStrings.ALL.get(i));
            row.put("maybe", i % 2 == 0 ? null : HostileStrings.ALL.get(i));
            rows.add(row);
        }
        engines.insertJsonEachRow("hostile", rows);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void everyHostileStringIsFoundByItsBoundValueAndEchoedUnchangedOnBothEngines() {
        for (int i = 0; i < HostileStrings.ALL.size(); i++) {
            String s = HostileStrings.ALL.get(i);
            List<Map<String, String>> found = engines.sameCells(
                    "SELECT n, s, length(s) AS bytes, ? AS echo, s = ? AS equal FROM hostile WHERE s = ? ORDER BY n", s, s, s);
            assertThat(found).as("row %d", i).hasSize(1);
            assertThat(found.get(0).get("n")).isEqualTo(String.valueOf(i));
            assertThat(found.get(0).get("bytes")).isEqualTo(String.valueOf(s.getBytes(StandardCharsets.UTF_8).length));
            assertThat(found.get(0).get("equal")).isEqualTo("1");
            for (DualEngine.Engine engine : engines.engines()) {
                Map<String, Object> row = engine.sql().query("SELECT s, ? AS echo FROM hostile WHERE n = ?", s, i).get(0);
                assertThat(row.get("s")).as(engine.name()).isEqualTo(s);
                assertThat(row.get("echo")).as(engine.name()).isEqualTo(s);
            }
        }
    }

    @Test
    void hostileStringsBoundAsAnInListAndAsNullsMatchTheSameRowsOnBothEngines() {
        engines.sameCells("SELECT count() AS c, sum(n) AS total FROM hostile WHERE s IN ?", HostileStrings.ALL);
        List<Map<String, String>> nulls = engines.sameCells("SELECT n FROM hostile WHERE maybe IS NULL ORDER BY n");
        assertThat(nulls).hasSize((HostileStrings.ALL.size() + 1) / 2);
        engines.sameCells("SELECT n, maybe FROM hostile WHERE maybe = ? OR maybe = ? ORDER BY n",
                HostileStrings.ALL.get(1), HostileStrings.ALL.get(3));
    }

    @Test
    void aHostileStringInAnAlterUpdateLandsVerbatimOnBothEngines() {
        // given
        String replacement = "'; DROP TABLE hostile; -- \\ \0 😀";

        // when
        engines.execute("ALTER TABLE hostile UPDATE maybe = ? WHERE n = ?", replacement, 1);

        // then
        for (DualEngine.Engine engine : engines.engines()) {
            // Mutations are asynchronous on 18.16 even when small: wait for this one.
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    replacement.equals(engine.sql().query("SELECT maybe FROM hostile WHERE n = ?", 1).get(0).get("maybe")));
        }
        assertThat(engines.sameCells("SELECT count() AS c FROM hostile").get(0).get("c")).isEqualTo(String.valueOf(HostileStrings.ALL.size()));
    }
}
