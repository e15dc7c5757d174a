package com.pulse.olap.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Pipeline;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The funnel query olap runs gives the same cells, and the same funnel, on ClickHouse 18.16 and chDB 26.5. */
@Tag("dual-engine")
class FunnelDualEngineTests {

    static final Instant READ_AT = Instant.parse("2026-11-27T23:00:00Z");
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(FunnelDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("funnel_snapshot", fixture());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theFunnelQueryGivesTheSameCellsOnBothEngines() {
        List<Map<String, String>> cells = engines.sameCellsInAnyOrder(FunnelReader.SQL, FunnelChanged.COMPANY, FunnelScope.COMPANY_ID);

        // every stage of the pipeline once (FINAL kept the latest version), other scopes left out
        assertThat(cells).extracting(row -> row.get("stage")).containsExactlyInAnyOrderElementsOf(
                Pipeline.DEFAULT.names().stream().map(name -> "'" + name + "'").toList());
    }

    @Test
    void theAssembledFunnelIsTheSameOnBothEngines() {
        List<Funnel> funnels = new ArrayList<>();
        for (DualEngine.Engine engine : engines.engines()) {
            List<FunnelCell> cells = new FunnelReader(engine.sql()).cells(FunnelScope.COMPANY);
            funnels.add(Funnel.assemble(FunnelScope.COMPANY, Pipeline.DEFAULT, cells, READ_AT));
        }

        assertThat(funnels.get(1)).isEqualTo(funnels.get(0));
        assertThat(funnels.get(0).stages()).extracting(Funnel.Stage::amount).contains(new BigDecimal("1002.50"));
    }

    @Test
    void hostileScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            assertThat(engines.sameCellsInAnyOrder(FunnelReader.SQL, hostile, hostile)).isEmpty();
        }
    }

    /** Three versions of every stage's company cell, plus cells of another scope that must not show. */
    private static List<Map<String, Object>> fixture() {
        List<Map<String, Object>> rows = new ArrayList<>();
        long version = 0;
        for (int round = 0; round < 3; round++) {
            for (var stage : Pipeline.DEFAULT.stages()) {
                rows.add(cell("company", stage.name(), stage.order(), round, ++version));
                rows.add(cell("someone-else", stage.name(), stage.order(), round + 10, ++version));
            }
        }
        return rows;
    }

    private static Map<String, Object> cell(String scopeId, String stage, int order, int round, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", FunnelChanged.COMPANY);
        row.put("scope_id", scopeId);
        row.put("stage", stage);
        row.put("stage_order", order);
        row.put("count", round * 10L + order);
        // trailing zeros on purpose: 18.16 prints them, 26.5 does not
        row.put("amount", new BigDecimal("1000.50").add(BigDecimal.valueOf(round)).add(BigDecimal.valueOf(order - 1, 0)).setScale(2));
        row.put("weighted", new BigDecimal("0.10").multiply(BigDecimal.valueOf(order)).setScale(2));
        row.put("changed_at", Instant.parse("2026-11-27T10:00:00Z").plusSeconds(version));
        row.put("version", version);
        return row;
    }
}
