package com.pulse.streams.sink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import com.pulse.clickhouse.dualengine.SampleRows;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.StageTransitioned;
import com.pulse.streams.TopicNames;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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
 * The sink's own batches (its row conversion and its inserts, through {@link ClickHouseSink#onBatch})
 * load into every table it writes on ClickHouse 18.16 and on chDB 26.5, and read back the same.
 */
@Tag("dual-engine")
class SinkDualEngineTests {

    static final TopicNames TOPICS = TopicNames.of("dual");
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(SinkDualEngineTests.class);
        engines.migrate();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theSinksBatchesForEveryTableItWritesLoadAndReadBackTheSameOnBothEngines() {
        // given
        engines.execute("TRUNCATE TABLE " + FunnelRows.TABLE);
        engines.execute("TRUNCATE TABLE " + OpportunityVersionRows.TABLE);
        engines.execute("TRUNCATE TABLE " + TransitionRows.TABLE);
        engines.execute("TRUNCATE TABLE " + ForecastRows.TABLE);
        engines.execute("TRUNCATE TABLE " + ForecastRows.CELLS_TABLE);
        engines.execute("TRUNCATE TABLE " + ForecastSnapshotRows.TABLE);
        engines.execute("TRUNCATE TABLE " + OpportunityFactRows.TABLE);
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        List<String> stages = Pipeline.DEFAULT.names();
        for (int i = 0; i < HostileStrings.ALL.size(); i++) {
            batch.add(funnelRecord(i, stages.get(i % stages.size())));
            batch.add(opportunityRecord(i, stages.get(i % stages.size())));
            batch.add(transitionRecord(i, stages.get(i % stages.size())));
            batch.add(forecastRecord(i));
            batch.add(snapshotRecord(i));
            batch.add(factRecord(i, stages.get(i % stages.size())));
        }

        // when: the very sink, once per engine (it dead-letters nothing here, so it needs no Kafka)
        for (DualEngine.Engine engine : engines.engines()) {
            new ClickHouseSink(engine.sql(), null, TOPICS).onBatch(batch);
        }

        // then
        List<String> written = List.of(FunnelRows.TABLE, OpportunityVersionRows.TABLE, TransitionRows.TABLE, ForecastRows.TABLE,
                ForecastRows.CELLS_TABLE, ForecastSnapshotRows.TABLE, OpportunityFactRows.TABLE);
        assertThat(SampleRows.tables(engines.server())).containsAll(written);
        for (String table : written) {
            assertThat(engines.sameCellsInAnyOrder("SELECT * FROM " + table + " FINAL")).as(table).hasSize(HostileStrings.ALL.size());
            engines.sameCellsInAnyOrder("SELECT * FROM " + table);
        }
        engines.sameCells("SELECT stage, count() AS rows, sum(count) AS count, sum(amount) AS amount, sum(weighted) AS weighted, "
                + "max(changed_at) AS at FROM funnel_snapshot FINAL GROUP BY stage ORDER BY stage");
        engines.sameCells("SELECT name, actor, amount, amount_base, expected_close_date, closed_at "
                + "FROM opportunity_versions FINAL ORDER BY id, version");
        engines.sameCells("SELECT to_stage, count() AS rows, countIf(isNull(from_stage)) AS created, sum(amount_base) AS amount "
                + "FROM stage_transitions FINAL GROUP BY to_stage ORDER BY to_stage");
        engines.sameCells("SELECT scope_type, toString(month) AS month, sum(closed_won) AS closed_won, sum(commit) AS commit, "
                + "sum(best_case) AS best_case, sum(projected) AS projected FROM forecast_month FINAL GROUP BY scope_type, month "
                + "ORDER BY scope_type, month");
        // (aliases differ from column names: ClickHouse resolves a name to an alias first, even inside an aggregate)
        engines.sameCells("SELECT scope_type, toString(month) AS m, sum(target) AS targets, sum(attainment) AS attainments, "
                + "sum(gap) AS gaps, sum(coverage) AS coverages, countIf(isNull(coverage)) AS no_coverage, sum(overdue_count) AS overdue "
                + "FROM forecast_cells FINAL GROUP BY scope_type, month ORDER BY scope_type, m");
        engines.sameCells("SELECT scope_type, toString(month) AS m, sum(projected) AS projections, sum(actual_closed_won) AS actual, "
                + "sum(error) AS errors, countIf(isNull(error)) AS open, max(ended_at) AS ended FROM forecast_snapshots FINAL "
                + "GROUP BY scope_type, month ORDER BY scope_type, m");
        engines.sameCells("SELECT tier, count() AS rows, sum(amount_base) AS amounts, countIf(isNull(team_id)) AS no_team, "
                + "max(team_path) AS path, toString(min(created_month)) AS first_created, countIf(isNull(closed_month)) AS open "
                + "FROM opportunities FINAL GROUP BY tier ORDER BY tier");
    }

    @Test
    void aRetriedBatchConvergesToTheSameRowsOnBothEngines() {
        // given
        List<ConsumerRecord<String, byte[]>> batch = List.of(funnelRecord(1000, "PROPOSAL"), opportunityRecord(1000, "PROPOSAL"));

        // when
        for (DualEngine.Engine engine : engines.engines()) {
            ClickHouseSink sink = new ClickHouseSink(engine.sql(), null, TOPICS);
            sink.onBatch(batch);
            sink.onBatch(batch);
        }

        // then
        assertThat(engines.sameCells("SELECT count() AS c FROM funnel_snapshot FINAL WHERE version = 1000")).containsExactly(Map.of("c", "1"));
        assertThat(engines.sameCells("SELECT count() AS c FROM opportunity_versions FINAL WHERE version = 1001")).containsExactly(Map.of("c", "1"));
    }

    private static ConsumerRecord<String, byte[]> funnelRecord(int i, String stage) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        FunnelChanged cell = new FunnelChanged(FunnelChanged.COMPANY, "company-" + i + hostile, stage, i,
                new BigDecimal("1234567.005").add(BigDecimal.valueOf(i)), new BigDecimal("0.125").multiply(BigDecimal.valueOf(i)),
                Instant.parse("2026-11-27T12:34:56.789Z").plusSeconds(i));
        return new ConsumerRecord<>(TOPICS.aggFunnel(), 0, i, cell.key(), EventJson.write(cell));
    }

    private static ConsumerRecord<String, byte[]> transitionRecord(int i, String stage) {
        UUID id = UUID.nameUUIDFromBytes(("transition-" + i).getBytes(UTF_8));
        StageTransitioned t = new StageTransitioned(id, i % 3 == 0 ? null : HostileStrings.ALL.get(i % HostileStrings.ALL.size()), stage,
                Instant.parse("2026-11-27T12:34:56.789Z").plusSeconds(i), new BigDecimal("0.005").multiply(BigDecimal.valueOf(i)),
                i % 2 == 0 ? null : new UUID(0, i), i + 1);
        return new ConsumerRecord<>(TOPICS.aggTransitions(), 0, i, id.toString(), EventJson.write(t));
    }

    private static ConsumerRecord<String, byte[]> forecastRecord(int i) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        BigDecimal won = new BigDecimal("1234.567").multiply(BigDecimal.valueOf(i));
        BigDecimal weighted = new BigDecimal("0.0125").multiply(BigDecimal.valueOf(i));
        BigDecimal target = i % 3 == 0 ? null : new BigDecimal("1000.005").multiply(BigDecimal.valueOf(i));
        BigDecimal gap = target == null ? null : target.subtract(won).max(BigDecimal.ZERO);
        ForecastChanged cell = new ForecastChanged(List.of(ForecastChanged.COMPANY, ForecastChanged.TEAM, ForecastChanged.OWNER).get(i % 3),
                "scope-" + i + hostile, java.time.YearMonth.of(2026, 1).plusMonths(i % 24).toString(), won, BigDecimal.valueOf(i), weighted,
                won.add(BigDecimal.ONE), won.add(BigDecimal.TEN), won.add(weighted), Instant.parse("2026-11-27T12:34:56Z").plusSeconds(i),
                target, target == null || target.signum() == 0 ? null : won.divide(target, 4, java.math.RoundingMode.HALF_UP), gap,
                gap == null || gap.signum() == 0 ? null : BigDecimal.valueOf(i).divide(gap, 4, java.math.RoundingMode.HALF_UP), i % 4);
        return new ConsumerRecord<>(TOPICS.aggForecast(), 1, i, cell.key(), EventJson.write(cell));
    }

    private static ConsumerRecord<String, byte[]> factRecord(int i, String stage) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        UUID id = UUID.nameUUIDFromBytes(("fact-" + i).getBytes(UTF_8));
        Instant at = Instant.parse("2026-11-30T15:59:59.999Z").plusSeconds(i * 3_600L);
        com.pulse.events.OpportunityFact f = new com.pulse.events.OpportunityFact(id, i + 1, i % 2 == 0 ? null : new UUID(0, i),
                i % 3 == 0 ? null : new UUID(1, i), i % 3 == 0 ? List.of() : List.of(new UUID(1, i), new UUID(2, i)),
                i % 4 == 0 ? null : new UUID(3, i), i % 4 == 0 ? null : hostile, i % 5 == 0 ? "" : hostile, i % 2 == 0 ? "A" : hostile,
                stage, new BigDecimal("0.005").multiply(BigDecimal.valueOf(i)), (i * 7) % 101, i % 2 == 0 ? null : hostile,
                i % 4 == 1 ? null : LocalDate.parse("2026-12-31").plusDays(i), stage.startsWith("CLOSED") ? at : null,
                at.minusSeconds(86_400), at, i % 5 == 0);
        return new ConsumerRecord<>(TOPICS.aggOpportunities(), 0, i, id.toString(), EventJson.write(f));
    }

    private static ConsumerRecord<String, byte[]> snapshotRecord(int i) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        BigDecimal projected = new BigDecimal("777.775").multiply(BigDecimal.valueOf(i));
        BigDecimal actual = i % 3 == 0 ? null : new BigDecimal("500.50").multiply(BigDecimal.valueOf(i));
        com.pulse.events.ForecastSnapshot s = new com.pulse.events.ForecastSnapshot(
                List.of(ForecastChanged.COMPANY, ForecastChanged.TEAM, ForecastChanged.OWNER).get(i % 3), "scope-" + i + hostile,
                java.time.YearMonth.of(2026, 1).plusMonths(i % 24).toString(), Instant.parse("2026-11-30T16:00:05Z").plusSeconds(i),
                BigDecimal.valueOf(i), BigDecimal.TEN, BigDecimal.ONE, BigDecimal.valueOf(i), BigDecimal.valueOf(i + 1L), projected,
                i % 2 == 0 ? null : new BigDecimal("3333.335"), actual,
                actual == null || actual.signum() == 0 ? null : projected.subtract(actual).divide(actual, 4, java.math.RoundingMode.HALF_UP),
                actual == null ? null : Instant.parse("2026-12-31T16:00:05Z"));
        return new ConsumerRecord<>(TOPICS.aggForecastSnapshots(), 2, i, s.key(), EventJson.write(s));
    }

    private static ConsumerRecord<String, byte[]> opportunityRecord(int i, String stage) {
        String hostile = HostileStrings.ALL.get(i % HostileStrings.ALL.size());
        UUID id = UUID.nameUUIDFromBytes(("opportunity-" + i).getBytes(UTF_8));
        boolean closed = stage.startsWith("CLOSED");
        Instant at = Instant.parse("2026-11-27T08:00:00.123456Z").plusSeconds(i * 61L);
        OpportunitySnapshot snapshot = new OpportunitySnapshot(id,
                i % 3 == 0 ? null : UUID.nameUUIDFromBytes(("account-" + i).getBytes(UTF_8)),
                i % 2 == 0 ? null : new UUID(0, i),
                hostile, stage, new BigDecimal("99999999.995").subtract(BigDecimal.valueOf(i)), i % 2 == 0 ? "CNY" : "USD",
                new BigDecimal("0.005").multiply(BigDecimal.valueOf(i)), (i * 7) % 101, i % 2 == 0 ? "PIPELINE" : hostile,
                i % 4 == 0 ? null : LocalDate.parse("2027-01-31").plusDays(i), closed ? at : null,
                at.minusSeconds(86_400), at, i % 5 == 0, i + 1);
        OpportunityChanged event = new OpportunityChanged(UUID.nameUUIDFromBytes(("event-" + i).getBytes(UTF_8)),
                id, i + 1, i % 2 == 0 ? Operation.CREATED : Operation.UPDATED, hostile, at, snapshot);
        return new ConsumerRecord<>(TOPICS.opportunities(), 0, i, id.toString(), CloudEventCodec.encode(event, "/pulse/api"));
    }
}
