package com.pulse.streams.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rebuild's own queries (the last frozen month, which the replay must not freeze again, and the frozen months
 * not ended, which the replay completes when they end) on ClickHouse 18.16 and chDB 26.5. */
@Tag("dual-engine")
class RebuildDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(RebuildDualEngineTests.class);
        engines.migrate();
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theLastFrozenMonthIsReadAsYearAndMonthAndNothingFrozenIsNull() {
        engines.execute("TRUNCATE TABLE forecast_snapshots");
        for (DualEngine.Engine engine : engines.engines()) {
            assertThat(RebuildCommand.frozenThrough(engine.sql())).as(engine.name()).isNull();
        }

        engines.insertJsonEachRow("forecast_snapshots", List.of(snapshot("COMPANY", "company", "2026-11-01", 1),
                snapshot("COMPANY", "company", "2026-12-01", 2), snapshot("TEAM", "t1", "2026-09-01", 3)));

        for (DualEngine.Engine engine : engines.engines()) {
            assertThat(RebuildCommand.frozenThrough(engine.sql())).as(engine.name()).isEqualTo("2026-12");
        }
    }

    @Test
    void theFrozenMonthsNotEndedAreReadWithTheirFiguresAndAnEndedMonthIsLeftOut() {
        engines.execute("TRUNCATE TABLE forecast_snapshots");
        Map<String, Object> novemberFrozen = snapshot("COMPANY", "company", "2026-11-01", 1);
        Map<String, Object> novemberEnded = snapshot("COMPANY", "company", "2026-11-01", 4);
        novemberEnded.put("actual_closed_won", new java.math.BigDecimal("80.00"));
        novemberEnded.put("error", new java.math.BigDecimal("0.2500"));
        novemberEnded.put("ended_at", "2026-11-30 16:00:05");
        Map<String, Object> december = snapshot("TEAM", "t1", "2026-12-01", 2);
        december.put("projected", new java.math.BigDecimal("1234.50"));
        december.put("pipeline", new java.math.BigDecimal("5000.00"));
        december.put("target", new java.math.BigDecimal("2000.00"));
        Map<String, Object> decemberCompany = snapshot("COMPANY", "company", "2026-12-01", 3);
        engines.insertJsonEachRow("forecast_snapshots", List.of(novemberFrozen, december, decemberCompany));
        engines.insertJsonEachRow("forecast_snapshots", List.of(novemberEnded));

        for (DualEngine.Engine engine : engines.engines()) {
            List<com.pulse.events.ForecastSnapshot> open = OpenFrozenMonths.read(engine.sql());
            assertThat(open).as(engine.name()).extracting(com.pulse.events.ForecastSnapshot::key)
                    .containsExactly("COMPANY:company:2026-12", "TEAM:t1:2026-12");
            com.pulse.events.ForecastSnapshot team = open.get(1);
            assertThat(team.projected()).as(engine.name()).isEqualByComparingTo("1234.50");
            assertThat(team.pipeline()).as(engine.name()).isEqualByComparingTo("5000.00");
            assertThat(team.target()).as(engine.name()).isEqualByComparingTo("2000.00");
            assertThat(open.get(0).target()).as(engine.name()).isNull();
            assertThat(team.frozenAt()).as(engine.name()).isEqualTo(java.time.Instant.parse("2026-12-01T00:00:05Z"));
            assertThat(team.endedAt()).as(engine.name()).isNull();
        }
    }

    private static Map<String, Object> snapshot(String scopeType, String scopeId, String month, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("month", month);
        row.put("frozen_at", month + " 00:00:05");
        for (String money : List.of("closed_won", "pipeline", "weighted", "commit", "best_case", "projected")) {
            row.put(money, java.math.BigDecimal.ZERO);
        }
        row.put("version", version);
        return row;
    }
}
