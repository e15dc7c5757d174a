package com.pulse.dashboards.e2e;

import com.pulse.clickhouse.ClickHouseSql;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The same figures as {@link PostgresGroundTruth}, as streams left them in ClickHouse ({@code FINAL}: the latest row of
 * each cell): {@code funnel_snapshot}, {@code forecast_cells} and {@code kpis}. Streams publishes emptied cells as
 * zeros and writes a cell only once something falls in it, so a funnel or forecast cell ClickHouse has no row for
 * reads as zeros without target; a scope's KPI row must exist.
 */
final class ClickHouseFigures {

    private static final List<String> KPI_FIGURES = List.of("revenueWon", "newOpportunities", "openPipeline",
            "weightedPipeline", "winRate90d", "avgDealSize90d", "salesCycleDays90d", "asOf", "newLeads",
            "leadConversionRate", "activities", "customersTierA", "customersTierB", "customersTierC", "customersTierD");

    private final ClickHouseSql clickHouse;
    private final List<GroundTruthScope> scopes;

    ClickHouseFigures(ClickHouseSql clickHouse, List<GroundTruthScope> scopes) {
        this.clickHouse = clickHouse;
        this.scopes = scopes;
    }

    Figures read(LocalDate today) {
        Figures figures = new Figures();
        Map<String, Map<String, Object>> funnel = rows("""
                SELECT concat(scope_type, ':', scope_id, '|', stage) AS cell, count, amount, weighted
                FROM funnel_snapshot FINAL""");
        Map<String, Map<String, Object>> forecast = rows("""
                SELECT concat(scope_type, ':', scope_id, '|', toString(month)) AS cell, closed_won, pipeline, weighted, commit,
                       best_case, projected, target, attainment, gap, coverage
                FROM forecast_cells FINAL""");
        Map<String, Map<String, Object>> kpis = rows("""
                SELECT concat(scope_type, ':', scope_id, '|', period) AS cell, revenue_won, new_opportunities, open_pipeline,
                       weighted_pipeline, win_rate_90d, avg_deal_size_90d, sales_cycle_days_90d, toString(as_of) AS as_of,
                       new_leads, lead_conversion_rate, activities,
                       customers_tier_a, customers_tier_b, customers_tier_c, customers_tier_d
                FROM kpis FINAL""");
        for (GroundTruthScope scope : scopes) {
            for (String stage : CrmWorkload.OPEN) {
                Map<String, Object> row = funnel.get(scope.key() + "|" + stage);
                figures.put(scope, "funnel " + stage, "count", row == null ? 0 : row.get("count"));
                figures.put(scope, "funnel " + stage, "amount", row == null ? 0 : row.get("amount"));
                figures.put(scope, "funnel " + stage, "weighted", row == null ? 0 : row.get("weighted"));
            }
            for (LocalDate month : PostgresGroundTruth.horizon(today)) {
                Map<String, Object> row = forecast.get(scope.key() + "|" + month);
                String cell = "forecast " + month.toString().substring(0, 7);
                figures.put(scope, cell, "closedWon", row == null ? 0 : row.get("closed_won"));
                figures.put(scope, cell, "pipeline", row == null ? 0 : row.get("pipeline"));
                figures.put(scope, cell, "weighted", row == null ? 0 : row.get("weighted"));
                figures.put(scope, cell, "commit", row == null ? 0 : row.get("commit"));
                figures.put(scope, cell, "bestCase", row == null ? 0 : row.get("best_case"));
                figures.put(scope, cell, "projected", row == null ? 0 : row.get("projected"));
                figures.put(scope, cell, "target", row == null ? null : row.get("target"));
                figures.put(scope, cell, "attainment", row == null ? null : row.get("attainment"));
                figures.put(scope, cell, "gap", row == null ? null : row.get("gap"));
                figures.put(scope, cell, "coverage", row == null ? null : row.get("coverage"));
            }
            for (String period : PostgresGroundTruth.periodStarts(today).keySet()) {
                Map<String, Object> row = kpis.get(scope.key() + "|" + period);
                String cell = "KPI " + period;
                if (row == null) {
                    KPI_FIGURES.forEach(f -> figures.put(scope, cell, f, "(no row in kpis)"));
                    continue;
                }
                figures.put(scope, cell, "revenueWon", row.get("revenue_won"));
                figures.put(scope, cell, "newOpportunities", row.get("new_opportunities"));
                figures.put(scope, cell, "openPipeline", row.get("open_pipeline"));
                figures.put(scope, cell, "weightedPipeline", row.get("weighted_pipeline"));
                figures.put(scope, cell, "winRate90d", row.get("win_rate_90d"));
                figures.put(scope, cell, "avgDealSize90d", row.get("avg_deal_size_90d"));
                figures.put(scope, cell, "salesCycleDays90d", row.get("sales_cycle_days_90d"));
                figures.put(scope, cell, "asOf", row.get("as_of"));
                figures.put(scope, cell, "newLeads", row.get("new_leads"));
                figures.put(scope, cell, "leadConversionRate", row.get("lead_conversion_rate"));
                figures.put(scope, cell, "activities", row.get("activities"));
                for (String tier : List.of("A", "B", "C", "D")) {
                    figures.put(scope, cell, "customersTier" + tier, row.get("customers_tier_" + tier.toLowerCase()));
                }
            }
        }
        return figures;
    }

    /** Rows keyed by their first column, {@code cell}. */
    private Map<String, Map<String, Object>> rows(String sql) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query(sql)) {
            rows.put(String.valueOf(row.get("cell")), row);
        }
        return rows;
    }
}
