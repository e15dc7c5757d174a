package com.pulse.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClickHouseGatewayIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ClickHouseGatewayIntegrationTests.class);
    static ClickHouseGateway gateway;

    static final List<String> HOSTILE = List.of(
            "O'Brien",
            "back\\slash",
            "\\'",
            "'; DROP TABLE hostile; --",
            "\\'; DROP TABLE hostile; --",
            "nul\0byte",
            "line\nbreak\r\nand\ttab",
            "\u0001\u0002\u001F\u007F",
            "中文 Ελληνικά עברית",
            "emoji 😀👍🏽",
            "?",
            "' OR '1'='1",
            "x".repeat(10_000),
            "");

    @BeforeAll
    static void start() {
        gateway = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
        gateway.execute("""
                CREATE TABLE IF NOT EXISTS hostile (
                    n UInt32, s String, d Decimal(18, 2), big UInt64, at DateTime('UTC'), day Date, id UUID, maybe Nullable(String)
                ) ENGINE = MergeTree ORDER BY n""");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void pingAnswers() {
        assertThat(gateway.ping()).isTrue();
    }

    @Test
    void hostileStringsRoundTripThroughInsertAndSelectAndMatchAsBoundValues() {
        // given
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            rows.add(row(1000 + i, HOSTILE.get(i)));
        }

        // when
        gateway.insertJsonEachRow("hostile", rows);

        // then
        for (int i = 0; i < HOSTILE.size(); i++) {
            String s = HOSTILE.get(i);
            List<Map<String, Object>> found = gateway.query("SELECT n, s, length(s) AS bytes FROM hostile WHERE s = ? AND n >= ?", s, 1000);
            assertThat(found).as("bound %s", abbreviated(s)).hasSize(1);
            assertThat(found.get(0).get("s")).isEqualTo(s);
            assertThat(found.get(0).get("n")).isEqualTo(1000L + i);
            assertThat(gateway.query("SELECT ? AS echo", s).get(0).get("echo")).isEqualTo(s);
        }
        assertThat(gateway.query("SELECT count() AS c FROM hostile WHERE s IN ?", HOSTILE).get(0).get("c"))
                .isEqualTo((long) HOSTILE.size());
        assertThat(gateway.query("EXISTS TABLE hostile").get(0).values()).containsExactly(1L);
    }

    @Test
    void typedValuesComeBackExactly() {
        // given
        UUID id = UUID.randomUUID();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("n", 1);
        row.put("s", "typed");
        row.put("d", new BigDecimal("1234567890123456.78"));
        row.put("big", new java.math.BigInteger("18446744073709551615"));
        row.put("at", Instant.parse("2026-03-04T05:06:07.890Z"));
        row.put("day", LocalDate.of(2026, 2, 28));
        row.put("id", id);
        row.put("maybe", null);

        // when
        gateway.insertJsonEachRow("hostile", List.of(row));
        Map<String, Object> back = gateway.query(
                "SELECT d, big, at, day, id, maybe FROM hostile WHERE id = ? AND d = ? AND at = ? AND day = ?",
                id, new BigDecimal("1234567890123456.78"), Instant.parse("2026-03-04T05:06:07Z"), LocalDate.of(2026, 2, 28)).get(0);

        // then
        assertThat(back.get("d")).isEqualTo(new BigDecimal("1234567890123456.78"));
        assertThat(back.get("big")).isEqualTo(new java.math.BigInteger("18446744073709551615"));
        assertThat(back.get("at")).isEqualTo("2026-03-04 05:06:07");
        assertThat(back.get("day")).isEqualTo("2026-02-28");
        assertThat(back.get("id")).isEqualTo(id.toString());
        assertThat(back).containsEntry("maybe", null);
        assertThat(back.keySet()).containsExactly("d", "big", "at", "day", "id", "maybe");
    }

    @Test
    void decimalSumsStayExact() {
        // given
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("n", 5000 + i, "s", "sum", "d", new BigDecimal("0.10"), "big", 1, "at", Instant.EPOCH,
                    "day", LocalDate.EPOCH, "id", UUID.randomUUID()));
        }

        // when
        gateway.insertJsonEachRow("hostile", rows);
        Map<String, Object> sums = gateway.query(
                "SELECT sum(d) AS total, sum(d * toDecimal64(60, 0) / toDecimal64(100, 0)) AS weighted, sum(big) AS n FROM hostile WHERE s = ?",
                "sum").get(0);

        // then
        assertThat((BigDecimal) sums.get("total")).isEqualByComparingTo("100.00");
        assertThat((BigDecimal) sums.get("weighted")).isEqualByComparingTo("60.00");
        assertThat(sums.get("n")).isEqualTo(1000L);
    }

    @Test
    void migrationsApplyOnceAndRerunningIsHarmless() {
        // when
        gateway.migrate();
        gateway.migrate();

        // then
        assertThat(gateway.query("SELECT version, name FROM schema_migrations FINAL ORDER BY version"))
                .extracting(r -> r.get("version"), r -> r.get("name"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1L, "funnel_snapshot"),
                        org.assertj.core.groups.Tuple.tuple(2L, "opportunity_versions"),
                        org.assertj.core.groups.Tuple.tuple(3L, "stage_transitions"),
                        org.assertj.core.groups.Tuple.tuple(4L, "forecast_month"),
                        org.assertj.core.groups.Tuple.tuple(5L, "forecast_cells"),
                        org.assertj.core.groups.Tuple.tuple(6L, "forecast_snapshots"),
                        org.assertj.core.groups.Tuple.tuple(7L, "opportunities"),
                        org.assertj.core.groups.Tuple.tuple(10L, "kpis"),
                        org.assertj.core.groups.Tuple.tuple(11L, "kpi_targets"),
                        org.assertj.core.groups.Tuple.tuple(12L, "leads"),
                        org.assertj.core.groups.Tuple.tuple(13L, "activities"),
                        org.assertj.core.groups.Tuple.tuple(14L, "targets"),
                        org.assertj.core.groups.Tuple.tuple(15L, "saved_views"));
        assertThat(gateway.query("SELECT count() AS c FROM funnel_snapshot FINAL").get(0).get("c")).isEqualTo(0L);
        assertThat(gateway.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c")).isEqualTo(0L);
    }

    @Test
    void aRefusedStatementSaysWhy() {
        assertThatThrownBy(() -> gateway.query("SELECT * FROM no_such_table"))
                .isInstanceOf(ClickHouseException.class)
                .hasMessageContaining("no_such_table");
        assertThatThrownBy(() -> gateway.insertJsonEachRow("hostile; DROP TABLE hostile", List.of(Map.of("n", 1))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLargeBatchInsertsQuickly() {
        // given
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            rows.add(Map.of("n", 100_000 + i, "s", "bulk-" + i, "d", new BigDecimal("12.34"), "big", i, "at", Instant.EPOCH,
                    "day", LocalDate.EPOCH, "id", UUID.randomUUID()));
        }

        // when
        long started = System.nanoTime();
        gateway.insertJsonEachRow("hostile", rows);
        long millis = (System.nanoTime() - started) / 1_000_000;

        // then
        System.out.printf("inserted 100000 rows as JSONEachRow in %d ms%n", millis);
        assertThat(gateway.query("SELECT count() AS c FROM hostile WHERE s LIKE ?", "bulk-%").get(0).get("c")).isEqualTo(100_000L);
    }

    private static Map<String, Object> row(int n, String s) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("n", n);
        row.put("s", s);
        row.put("d", BigDecimal.ONE);
        row.put("big", 0);
        row.put("at", Instant.EPOCH);
        row.put("day", LocalDate.EPOCH);
        row.put("id", UUID.randomUUID());
        row.put("maybe", s);
        return row;
    }

    private static String abbreviated(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
