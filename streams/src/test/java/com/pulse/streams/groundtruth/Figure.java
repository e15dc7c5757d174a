package com.pulse.streams.groundtruth;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One METRICS.md figure as ClickHouse holds it and as recomputed: both sides are maps from a cell key to the
 * cell's values as text. A new figure or scope (teams, targets, KPIs) is one more entry in {@link #ALL}.
 *
 * @param zeroCellsAllowed aggregates publish emptied cells with zeros instead of deleting them, so ClickHouse may
 *                         hold all-zero cells the recomputation has no row for
 */
record Figure(String name, Function<Recomputation, Map<String, List<String>>> expected,
              Function<ClickHouseSql, Map<String, List<String>>> actual, boolean zeroCellsAllowed) {

    static final List<Figure> ALL = List.of(
            new Figure("funnel, company", r -> r.funnel(Set.of("COMPANY")), ch -> funnel(ch, "COMPANY"), true),
            new Figure("funnel, per team (a deal counts for its owner's team and every team above)",
                    r -> r.funnel(Set.of("TEAM")), ch -> funnel(ch, "TEAM"), true),
            new Figure("forecast, company", r -> r.forecast(Set.of("COMPANY")), ch -> forecast(ch, "COMPANY"), true),
            new Figure("forecast, per owner", r -> r.forecast(Set.of("OWNER")), ch -> forecast(ch, "OWNER"), true),
            new Figure("forecast, per team", r -> r.forecast(Set.of("TEAM")), ch -> forecast(ch, "TEAM"), true),
            // pulse-kpis (its own Kafka Streams application) reads the same topic; the win rate in basis points, so a
            // Decimal's text form (trailing zeros differ between ClickHouse versions) does not matter
            new Figure("KPIs fed by opportunities, company, per team and per owner", Recomputation::kpis, ch -> cells(ch, """
                    SELECT concat(scope_type, ':', scope_id, ':', period) AS cell, toString(revenue_won) AS rw,
                           toString(new_opportunities) AS n, toString(open_pipeline) AS op, toString(weighted_pipeline) AS wp,
                           toString(toInt64(round(toFloat64(win_rate_90d) * 10000))) AS wr, toString(avg_deal_size_90d) AS ads,
                           toString(sales_cycle_days_90d) AS scd
                    FROM kpis FINAL WHERE scope_type IN ('COMPANY', 'OWNER', 'TEAM')"""), true),
            new Figure("stage transitions", Recomputation::transitions, ch -> cells(ch, """
                    SELECT concat(toString(opportunity_id), '@', toString(version)) AS fact, from_stage, to_stage, toString(at) AS t,
                           toString(amount_base) AS a, toString(owner_id) AS o
                    FROM stage_transitions FINAL"""), false));

    private static Map<String, List<String>> funnel(ClickHouseSql ch, String scopeType) {
        return cells(ch, """
                SELECT concat(scope_type, ':', scope_id, ':', stage) AS cell, toString(count) AS c, toString(amount) AS a,
                       toString(weighted) AS w
                FROM funnel_snapshot FINAL WHERE scope_type = ?""", scopeType);
    }

    private static Map<String, List<String>> forecast(ClickHouseSql ch, String scopeType) {
        return cells(ch, """
                SELECT concat(scope_type, ':', scope_id, ':', substring(toString(month), 1, 7)) AS cell, toString(closed_won) AS cw,
                       toString(pipeline) AS p, toString(weighted) AS w, toString(commit) AS c, toString(best_case) AS b,
                       toString(projected) AS pr
                FROM forecast_month FINAL WHERE scope_type = ?""", scopeType);
    }

    /** First column the key, the others the values; decimals normalised to cents. */
    private static Map<String, List<String>> cells(ClickHouseSql ch, String sql, Object... params) {
        Map<String, List<String>> cells = new HashMap<>();
        for (Map<String, Object> row : ch.query(sql, params)) {
            List<Object> columns = new ArrayList<>(row.values());
            List<String> values = new ArrayList<>();
            for (Object v : columns.subList(1, columns.size())) {
                values.add(v == null ? null : normal(v.toString()));
            }
            cells.put((String) columns.get(0), values);
        }
        return cells;
    }

    private static String normal(String value) {
        if (value.matches("-?\\d+\\.\\d+")) {
            return Recomputation.cents(new BigDecimal(value));
        }
        return value;
    }

    /** ClickHouse's cells without the all-zero ones the recomputation does not have, when those are allowed. */
    Map<String, List<String>> comparableActual(Map<String, List<String>> actual, Map<String, List<String>> expected) {
        if (!zeroCellsAllowed) {
            return actual;
        }
        Map<String, List<String>> kept = new HashMap<>();
        actual.forEach((k, v) -> {
            if (expected.containsKey(k) || v.stream().anyMatch(x -> x != null && !x.matches("0(\\.0+)?"))) {
                kept.put(k, v);
            }
        });
        return kept;
    }
}
