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

/** The rebuild's own query (the last frozen month, which the replay must not freeze again) on ClickHouse 18.16 and chDB 26.5. */
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
