package com.pulse.olap.kpi;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the KPI rows of a scope (one per period) from {@code kpis} (V010, written by streams from pulse.agg.kpis.v1). */
@Component
class KpiReader {

    static final List<String> MONEY = List.of("revenue_won", "open_pipeline", "weighted_pipeline", "avg_deal_size_90d");
    static final List<String> RATIOS = List.of("lead_conversion_rate", "win_rate_90d");
    static final List<String> COUNTS = List.of("new_leads", "leads_converted", "leads_closed", "new_opportunities",
            "activities", "new_customers", "customers_tier_a", "customers_tier_b", "customers_tier_c", "customers_tier_d");

    // FINAL: the latest record of a (scope, period) wins. Decimals through toString (NULL stays NULL), dates as
    // text under aliases that do not shadow their columns (18.16), changed_at through toUnixTimestamp.
    static final String SQL = """
            SELECT period, toString(period_start) AS period_start_day, toString(as_of) AS as_of_day,
                   toString(revenue_won) AS revenue_won, new_leads, leads_converted, leads_closed,
                   toString(lead_conversion_rate) AS lead_conversion_rate, new_opportunities, activities, new_customers,
                   toString(open_pipeline) AS open_pipeline, toString(weighted_pipeline) AS weighted_pipeline,
                   toString(win_rate_90d) AS win_rate_90d, toString(avg_deal_size_90d) AS avg_deal_size_90d,
                   toString(sales_cycle_days_90d) AS sales_cycle_days_90d,
                   customers_tier_a, customers_tier_b, customers_tier_c, customers_tier_d,
                   toUnixTimestamp(changed_at) AS changed_at_s
            FROM kpis FINAL
            WHERE scope_type = ? AND scope_id = ?""";

    private final ClickHouseSql clickHouse;

    KpiReader(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    /** Each stored period as the JSON the cockpit gets: camelCase names, money 2 decimals, ratios 4, nulls kept. */
    List<Map<String, Object>> periods(String scopeType, String scopeId) {
        return clickHouse.query(SQL, scopeType, scopeId).stream().map(KpiReader::period).toList();
    }

    static Map<String, Object> period(Map<String, Object> row) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", row.get("period"));
        out.put("periodStart", row.get("period_start_day"));
        out.put("asOf", row.get("as_of_day"));
        for (String column : row.keySet()) {
            Object value = row.get(column);
            if (MONEY.contains(column)) {
                out.put(camel(column), decimal(value, 2));
            } else if (RATIOS.contains(column)) {
                out.put(camel(column), decimal(value, 4));
            } else if (column.equals("sales_cycle_days_90d")) {
                out.put(camel(column), decimal(value, 2));
            } else if (COUNTS.contains(column)) {
                out.put(camel(column), Long.parseLong(String.valueOf(value)));
            }
        }
        out.put("changedAt", java.time.Instant.ofEpochSecond(Long.parseLong(String.valueOf(row.get("changed_at_s")))));
        return out;
    }

    private static BigDecimal decimal(Object value, int scale) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).setScale(scale, RoundingMode.HALF_UP);
    }

    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
