package com.pulse.olap.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The KPI query gives the same rows, and the same answer, on ClickHouse 18.16 and chDB 26.5, NULL ratios included. */
@Tag("dual-engine")
class KpiDualEngineTests {

    static final String TEAM = "7e000000-0000-4000-8000-0000000000a1";
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(KpiDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("kpis", List.of(
                row("TEAM", TEAM, "MTD", "999.00", "0.5000", 1),
                row("TEAM", TEAM, "MTD", "1500.50", "0.2500", 3),
                row("TEAM", TEAM, "TODAY", "0.00", null, 2),
                row("COMPANY", "company", "MTD", "7.00", null, 4)));
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theKpiQueryGivesTheSameAnswerOnBothEngines() {
        assertThat(engines.sameCellsInAnyOrder(KpiReader.SQL, "TEAM", TEAM)).hasSize(2);
        List<List<Map<String, Object>>> answers = new ArrayList<>();
        for (DualEngine.Engine engine : engines.engines()) {
            answers.add(new KpiReader(engine.sql()).periods("TEAM", TEAM));
        }
        assertThat(answers.get(1)).containsExactlyInAnyOrderElementsOf(answers.get(0));
        Map<String, Object> mtd = answers.get(0).stream().filter(p -> p.get("period").equals("MTD")).findFirst().orElseThrow();
        assertThat(mtd.get("revenueWon")).isEqualTo(new BigDecimal("1500.50"));
        assertThat(mtd.get("winRate90d")).isEqualTo(new BigDecimal("0.2500"));
        assertThat(mtd.get("newLeads")).isEqualTo(12L);
        assertThat(mtd.get("periodStart")).isEqualTo("2026-11-01");
        Map<String, Object> today = answers.get(0).stream().filter(p -> p.get("period").equals("TODAY")).findFirst().orElseThrow();
        assertThat(today.get("winRate90d")).isNull();
        assertThat(today.get("leadConversionRate")).isNull();
        assertThat(today.get("avgDealSize90d")).isNull();
    }

    @Test
    void hostileScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            assertThat(engines.sameCellsInAnyOrder(KpiReader.SQL, hostile, hostile)).isEmpty();
        }
    }

    static Map<String, Object> row(String scopeType, String scopeId, String period, String revenue, String ratio, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("period", period);
        row.put("period_start", period.equals("TODAY") ? "2026-11-28" : "2026-11-01");
        row.put("as_of", "2026-11-28");
        row.put("revenue_won", new BigDecimal(revenue));
        row.put("new_leads", 12);
        row.put("leads_converted", 3);
        row.put("leads_closed", 4);
        row.put("lead_conversion_rate", ratio == null ? null : new BigDecimal("0.7500"));
        row.put("new_opportunities", 5);
        row.put("activities", 40);
        row.put("new_customers", 2);
        row.put("open_pipeline", new BigDecimal("80000.00"));
        row.put("weighted_pipeline", new BigDecimal("32000.10"));
        row.put("win_rate_90d", ratio == null ? null : new BigDecimal(ratio));
        row.put("avg_deal_size_90d", ratio == null ? null : new BigDecimal("2500.00"));
        row.put("sales_cycle_days_90d", ratio == null ? null : new BigDecimal("31.50"));
        row.put("customers_tier_a", 1);
        row.put("customers_tier_b", 2);
        row.put("customers_tier_c", 3);
        row.put("customers_tier_d", 4);
        row.put("changed_at", "2026-11-28 01:00:00");
        row.put("version", version);
        return row;
    }
}
