package com.pulse.streams.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import com.pulse.clickhouse.dualengine.SampleRows;
import com.pulse.events.ActivityFact;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.EventJson;
import com.pulse.events.KpiChanged;
import com.pulse.events.KpiChanged.KpiTarget;
import com.pulse.events.LeadFact;
import com.pulse.events.Operation;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.streams.kpis.KpiTopics;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The KPI sink's own batches ({@link KpiSink#onBatch}: KPIs, KPI targets, lead, activity and target facts) load into
 * every table it writes on ClickHouse 18.16 and on chDB 26.5, and read back the same.
 */
@Tag("dual-engine")
class KpiSinkDualEngineTests {

    static final KpiTopics TOPICS = KpiTopics.of("dual-kpis");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final List<String> TABLES = List.of(KpiRows.TABLE, KpiRows.TARGETS_TABLE, FactRows.LEADS, FactRows.ACTIVITIES, FactRows.TARGETS);
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(KpiSinkDualEngineTests.class);
        engines.migrate();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theKpiSinksBatchesLoadAndReadBackTheSameOnBothEngines() {
        // given
        TABLES.forEach(t -> engines.execute("TRUNCATE TABLE " + t));
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        int n = HostileStrings.ALL.size();
        for (int i = 0; i < n; i++) {
            batch.add(kpiRecord(i));
            batch.add(leadRecord(i));
            batch.add(activityRecord(i));
            batch.add(targetRecord(i));
        }

        // when: the very sink, once per engine (it dead-letters nothing here, so it needs no Kafka)
        for (DualEngine.Engine engine : engines.engines()) {
            new KpiSink(engine.sql(), null, TOPICS, ZONE).onBatch(batch);
        }

        // then
        assertThat(SampleRows.tables(engines.server())).containsAll(TABLES);
        for (String table : TABLES) {
            int rows = table.equals(KpiRows.TARGETS_TABLE) ? 4 * n : n;
            assertThat(engines.sameCellsInAnyOrder("SELECT * FROM " + table + " FINAL")).as(table).hasSize(rows);
        }
        engines.sameCells("SELECT period, toString(as_of) AS day, sum(revenue_won) AS won, sum(lead_conversion_rate) AS rates, "
                + "countIf(isNull(win_rate_90d)) AS no_rate, sum(avg_deal_size_90d) AS sizes, sum(sales_cycle_days_90d) AS cycles, "
                + "sum(open_pipeline) AS open, sum(weighted_pipeline) AS weighted, sum(customers_tier_a) AS a, max(changed_at) AS at "
                + "FROM kpis FINAL GROUP BY period, as_of ORDER BY period, day");
        engines.sameCells("SELECT metric, count() AS n, sum(target) AS targets, countIf(isNull(target)) AS none, sum(actual) AS actuals, "
                + "sum(attainment) AS attainments FROM kpi_targets FINAL GROUP BY metric ORDER BY metric");
        engines.sameCells("SELECT status, toString(created_month) AS m, count() AS n, countIf(isNull(closed_at)) AS open, "
                + "max(length(team_path)) AS path FROM leads FINAL GROUP BY status, created_month ORDER BY status, m");
        engines.sameCells("SELECT type, toString(completed_month) AS m, count() AS n, sum(deleted) AS deleted "
                + "FROM activities FINAL GROUP BY type, completed_month ORDER BY type, m");
        engines.sameCells("SELECT period_type, toString(period_start) AS start, metric, sum(value) AS total FROM targets FINAL "
                + "GROUP BY period_type, period_start, metric ORDER BY period_type, start, metric");
    }

    @Test
    void aRetriedBatchConvergesToTheSameRowsOnBothEngines() {
        // given
        List<ConsumerRecord<String, byte[]>> batch = List.of(kpiRecord(1000), leadRecord(1000), activityRecord(1000), targetRecord(1000));

        // when
        for (DualEngine.Engine engine : engines.engines()) {
            KpiSink sink = new KpiSink(engine.sql(), null, TOPICS, ZONE);
            sink.onBatch(batch);
            sink.onBatch(batch);
        }

        // then
        assertThat(engines.sameCells("SELECT count() AS c FROM kpis FINAL WHERE version = 1000")).containsExactly(Map.of("c", "1"));
        assertThat(engines.sameCells("SELECT count() AS c FROM kpi_targets FINAL WHERE version = 1000")).containsExactly(Map.of("c", "4"));
        assertThat(engines.sameCells("SELECT count() AS c FROM leads FINAL WHERE id = ?", id("lead", 1000)))
                .containsExactly(Map.of("c", "1"));
        assertThat(engines.sameCells("SELECT count() AS c FROM targets FINAL WHERE id = ?", id("target", 1000)))
                .containsExactly(Map.of("c", "1"));
    }

    private static ConsumerRecord<String, byte[]> kpiRecord(int i) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        String period = KpiChanged.PERIODS.get(i % 4);
        LocalDate today = LocalDate.of(2026, 11, 27).plusDays(i % 40);
        BigDecimal won = new BigDecimal("1234.567").multiply(BigDecimal.valueOf(i));
        List<KpiTarget> targets = new ArrayList<>();
        for (String metric : List.of("WON_AMOUNT", "NEW_LEADS", "ACTIVITIES", "NEW_CUSTOMERS")) {
            BigDecimal target = i % 3 == 0 ? null : new BigDecimal("1000.005").multiply(BigDecimal.valueOf(i));
            targets.add(new KpiTarget(metric, target, won, target == null ? null : won.divide(target, 4, RoundingMode.HALF_UP)));
        }
        KpiChanged k = new KpiChanged(List.of("COMPANY", "TEAM", "OWNER").get(i % 3), "scope-" + i + hostile, period, today.withDayOfMonth(1),
                today, won, i, i / 2, i, i == 0 ? null : BigDecimal.valueOf(i / 2).divide(BigDecimal.valueOf(i), 4, RoundingMode.HALF_UP),
                i + 1, 2L * i, i % 5, new BigDecimal("99999.995").multiply(BigDecimal.valueOf(i)), new BigDecimal("0.0125").multiply(BigDecimal.valueOf(i)),
                i % 2 == 0 ? null : new BigDecimal("0.6667"), i % 2 == 0 ? null : new BigDecimal("1234.57"),
                i % 2 == 0 ? null : new BigDecimal("12.34"), Map.of("A", (long) i, "B", 1L, "C", 0L, "D", 3L), targets,
                Instant.parse("2026-11-27T12:34:56Z").plusSeconds(i));
        return new ConsumerRecord<>(TOPICS.aggKpis(), 0, i, k.key(), EventJson.write(k));
    }

    private static ConsumerRecord<String, byte[]> leadRecord(int i) {
        UUID id = id("lead", i);
        Instant created = Instant.parse("2026-01-31T16:30:00Z").plusSeconds(86_400L * i); // 00:30 on 1 Feb in Shanghai for i = 0
        LeadFact f = new LeadFact(id, i + 1, i % 2 == 0 ? null : new UUID(0, i), i % 2 == 0 ? null : new UUID(1, i),
                i % 2 == 0 ? List.of() : List.of(new UUID(1, i), new UUID(2, i)), i % 4 == 0 ? null : HostileStrings.ALL.get(i % HostileStrings.ALL.size()),
                i % 3 == 0 ? null : new UUID(3, i), List.of("NEW", "CONVERTED", "DISQUALIFIED").get(i % 3), created,
                i % 3 == 0 ? null : created.plusSeconds(3600), created.plusSeconds(7200), i % 5 == 0);
        return new ConsumerRecord<>(TOPICS.aggLeads(), 0, i, id.toString(), EventJson.write(f));
    }

    private static ConsumerRecord<String, byte[]> activityRecord(int i) {
        UUID id = id("activity", i);
        Instant created = Instant.parse("2026-03-31T16:30:00Z").plusSeconds(86_400L * i);
        ActivityFact f = new ActivityFact(id, i + 1, List.of("CALL", "VISIT", "EMAIL", "MEETING").get(i % 4), i % 2 == 0 ? null : new UUID(0, i),
                null, List.of(), i % 3 == 0 ? null : new UUID(4, i), null, i % 2 == 0 ? null : created.plusSeconds(60),
                i % 3 == 0 ? null : created.plusSeconds(120), created, created.plusSeconds(180), i % 7 == 0);
        return new ConsumerRecord<>(TOPICS.aggActivities(), 0, i, id.toString(), EventJson.write(f));
    }

    private static ConsumerRecord<String, byte[]> targetRecord(int i) {
        UUID id = id("target", i);
        String[] period = switch (i % 3) {
            case 0 -> new String[] {"YEAR", String.valueOf(2026 + i % 2)};
            case 1 -> new String[] {"QUARTER", "2027-Q" + (i % 4 + 1)};
            default -> new String[] {"MONTH", java.time.YearMonth.of(2027, 1).plusMonths(i % 12).toString()};
        };
        TargetSnapshot s = new TargetSnapshot(id, i % 2 == 0 ? "TEAM" : "USER", new UUID(5, i), period[0], period[1],
                List.of("WON_AMOUNT", "NEW_LEADS", "ACTIVITIES", "NEW_CUSTOMERS").get(i % 4), new BigDecimal("1000.005").multiply(BigDecimal.valueOf(i)),
                Instant.parse("2026-11-27T12:00:00Z"), Instant.parse("2026-11-27T12:00:00Z").plusSeconds(i), i % 6 == 0, i + 1);
        TargetChanged e = new TargetChanged(id("target-event", i), id, i + 1, Operation.UPDATED, "tester", s.updatedAt(), s);
        return new ConsumerRecord<>(TOPICS.targets(), 0, i, id.toString(), CloudEventCodec.encode(e, "/pulse/api"));
    }

    private static UUID id(String kind, int i) {
        return UUID.nameUUIDFromBytes((kind + "-" + i).getBytes(UTF_8));
    }
}
