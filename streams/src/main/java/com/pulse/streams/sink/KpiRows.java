package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.KpiChanged;
import com.pulse.events.KpiChanged.KpiTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code pulse.agg.kpis.v1} record as a {@code kpis} row and one {@code kpi_targets} row per target metric. The
 * version is the record's offset, as for funnel and forecast cells: per key (one partition) offsets only grow, and a
 * retried or replayed batch writes the same versions again.
 */
final class KpiRows {

    static final String TABLE = "kpis";
    static final String TARGETS_TABLE = "kpi_targets";

    private KpiRows() {
    }

    static KpiChanged read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("KPI record without a value (tombstone)");
        }
        KpiChanged k = EventJson.read(value, KpiChanged.class);
        if (k.scopeType() == null || k.scopeId() == null || k.period() == null || k.periodStart() == null || k.asOf() == null
                || k.revenueWon() == null || k.openPipeline() == null || k.weightedPipeline() == null || k.at() == null) {
            throw new IllegalArgumentException("KPI record misses a field: " + k);
        }
        return k;
    }

    static Map<String, Object> row(KpiChanged k, long offset) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", k.scopeType());
        row.put("scope_id", k.scopeId());
        row.put("period", k.period());
        row.put("period_start", k.periodStart());
        row.put("as_of", k.asOf());
        row.put("revenue_won", FunnelRows.money(k.revenueWon()));
        row.put("new_leads", k.newLeads());
        row.put("leads_converted", k.leadsConverted());
        row.put("leads_closed", k.leadsClosed());
        row.put("lead_conversion_rate", k.leadConversionRate());
        row.put("new_opportunities", k.newOpportunities());
        row.put("activities", k.activities());
        row.put("new_customers", k.newCustomers());
        row.put("open_pipeline", FunnelRows.money(k.openPipeline()));
        row.put("weighted_pipeline", FunnelRows.money(k.weightedPipeline()));
        row.put("win_rate_90d", k.winRate90d());
        row.put("avg_deal_size_90d", k.avgDealSize90d());
        row.put("sales_cycle_days_90d", k.salesCycleDays90d());
        for (String tier : List.of("A", "B", "C", "D")) {
            row.put("customers_tier_" + tier.toLowerCase(java.util.Locale.ROOT), k.customersByTier().getOrDefault(tier, 0L));
        }
        row.put("changed_at", k.at());
        row.put("version", offset);
        return row;
    }

    static List<Map<String, Object>> targetRows(KpiChanged k, long offset) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (KpiTarget t : k.targets()) {
            if (t.metric() == null || t.actual() == null) {
                throw new IllegalArgumentException("KPI target misses a field: " + t);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scope_type", k.scopeType());
            row.put("scope_id", k.scopeId());
            row.put("period", k.period());
            row.put("metric", t.metric());
            row.put("period_start", k.periodStart());
            row.put("target", t.target() == null ? null : FunnelRows.money(t.target()));
            row.put("actual", FunnelRows.money(t.actual()));
            row.put("attainment", t.attainment());
            row.put("changed_at", k.at());
            row.put("version", offset);
            rows.add(row);
        }
        return rows;
    }

}
