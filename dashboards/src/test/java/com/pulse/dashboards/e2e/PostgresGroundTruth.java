package com.pulse.dashboards.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every METRICS.md figure streams keeps, recomputed with SQL over the api's own tables (opportunities, leads and their
 * history, activities, accounts, targets, users, teams) — written from METRICS.md, not from streams' code, for a
 * reviewer to read beside it. Each section names the METRICS.md section it follows. Money in the base currency
 * ({@code amount_base}), summed exactly and rounded half-up to cents once; ratios half-up to 4 decimals, means to 2.
 * Periods are calendar periods in the company time zone.
 */
final class PostgresGroundTruth implements AutoCloseable {

    static final int HORIZON_MONTHS = 6;
    private static final String OPEN = "('PROSPECTING', 'QUALIFICATION', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION')";

    /**
     * §Scopes: the company (every row), a team with its sub-teams (rows owned by a user whose team, or a team above it,
     * is the scope — current membership; a binned team ends the path) and an owner. One row per (scope, member).
     */
    private static final String SCOPES = """
            WITH RECURSIVE membership(user_id, team_id) AS (
                SELECT u.id, t.id FROM users u JOIN teams t ON t.id = u.team_id AND t.deleted_at IS NULL
                UNION
                SELECT m.user_id, parent.id
                FROM membership m JOIN teams child ON child.id = m.team_id
                     JOIN teams parent ON parent.id = child.parent_id AND parent.deleted_at IS NULL
            ), scopes(scope, owner_id, everyone) AS (
                SELECT 'COMPANY:company', NULL::uuid, true
                UNION ALL SELECT 'TEAM:' || team_id, user_id, false FROM membership WHERE team_id = ANY (?::uuid[])
                UNION ALL SELECT 'OWNER:' || id, id, false FROM users WHERE id = ANY (?::uuid[])
            )
            """;

    /** §Funnel, snapshot funnel: per open stage, count, Σ amountBase, Σ amountBase × probability / 100; deleted count nowhere. */
    private static final String FUNNEL = SCOPES + """
            SELECT s.scope, o.stage, count(*) AS count, sum(o.amount_base) AS amount,
                   round(sum(o.amount_base * o.probability / 100.0), 2) AS weighted
            FROM opportunities o JOIN scopes s ON s.everyone OR s.owner_id = o.owner_id
            WHERE o.deleted_at IS NULL AND o.stage IN""" + OPEN + """

            GROUP BY s.scope, o.stage
            """;

    /**
     * §Forecast per month M: won deals in the month of closedAt (company zone); open deals with an expected close date
     * and category ≠ OMITTED in its month, or in the current month once that date has passed (:today, :month).
     */
    private static final String FORECAST = SCOPES + """
            , deals AS (
                SELECT o.owner_id, o.amount_base, o.probability, o.forecast_category, o.stage = 'CLOSED_WON' AS won,
                       CASE WHEN o.stage = 'CLOSED_WON' THEN date_trunc('month', o.closed_at AT TIME ZONE ?)::date
                            WHEN o.expected_close_date < ?::date THEN ?::date
                            ELSE date_trunc('month', o.expected_close_date)::date END AS month
                FROM opportunities o
                WHERE o.deleted_at IS NULL
                  AND ((o.stage = 'CLOSED_WON' AND o.closed_at IS NOT NULL)
                       OR (o.stage IN""" + OPEN + """
             AND o.expected_close_date IS NOT NULL AND o.forecast_category <> 'OMITTED'))
            )
            SELECT s.scope, d.month,
                   coalesce(sum(d.amount_base) FILTER (WHERE d.won), 0) AS closed_won,
                   coalesce(sum(d.amount_base) FILTER (WHERE NOT d.won), 0) AS pipeline,
                   coalesce(sum(d.amount_base * d.probability / 100.0) FILTER (WHERE NOT d.won), 0) AS weighted,
                   coalesce(sum(d.amount_base) FILTER (WHERE NOT d.won AND d.forecast_category = 'COMMIT'), 0) AS open_commit,
                   coalesce(sum(d.amount_base) FILTER (WHERE NOT d.won AND d.forecast_category = 'BEST_CASE'), 0) AS open_best_case
            FROM deals d JOIN scopes s ON s.everyone OR s.owner_id = d.owner_id
            GROUP BY s.scope, d.month
            """;

    /**
     * §Forecast target(M) and §Targets: the live WON_AMOUNT target of the scope for M — a MONTH target of M, else its
     * quarter's QUARTER target / 3, else its year's YEAR target / 12 (each share rounded to cents); a USER target is
     * its owner's. METRICS.md gives the company no target of its own: it is the sum of its top-level teams' targets
     * (their sub-teams' targets are part of them, not added again).
     */
    private static final String TARGETS = """
            WITH shares AS (
                SELECT t.scope_type, t.scope_id, t.period_type, month::date AS month,
                       CASE t.period_type WHEN 'MONTH' THEN t.value
                                          WHEN 'QUARTER' THEN round(t.value / 3, 2)
                                          ELSE round(t.value / 12, 2) END AS share
                FROM targets t
                CROSS JOIN LATERAL (SELECT CASE t.period_type
                        WHEN 'MONTH' THEN to_date(t.period, 'YYYY-MM')
                        WHEN 'QUARTER' THEN make_date(substr(t.period, 1, 4)::int, substr(t.period, 7, 1)::int * 3 - 2, 1)
                        ELSE make_date(t.period::int, 1, 1) END AS first_month,
                        CASE t.period_type WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 3 ELSE 12 END AS months) p
                CROSS JOIN LATERAL generate_series(p.first_month, p.first_month + (p.months - 1) * interval '1 month',
                                                   interval '1 month') AS month
                WHERE t.deleted_at IS NULL AND t.metric = 'WON_AMOUNT'
            ), most_specific AS (
                SELECT *, rank() OVER (PARTITION BY scope_type, scope_id, month
                                       ORDER BY CASE period_type WHEN 'MONTH' THEN 1 WHEN 'QUARTER' THEN 2 ELSE 3 END) AS r
                FROM shares
            ), scope_targets AS (
                SELECT scope_type, scope_id, month, sum(share) AS target FROM most_specific WHERE r = 1
                GROUP BY scope_type, scope_id, month
            )
            SELECT CASE scope_type WHEN 'USER' THEN 'OWNER:' ELSE 'TEAM:' END || scope_id AS scope, month, target
            FROM scope_targets
            UNION ALL
            SELECT 'COMPANY:company', st.month, sum(st.target)
            FROM scope_targets st JOIN teams top ON top.id = st.scope_id AND top.parent_id IS NULL AND top.deleted_at IS NULL
            WHERE st.scope_type = 'TEAM'
            GROUP BY st.month
            """;

    /**
     * §KPIs fed by opportunities, per period [first day, today] (:zone): revenueWon (won, closedAt in the period),
     * newOpportunities (created in the period), openPipeline and weightedPipeline (open now), and over the trailing 90
     * days ending today: won and lost counts (winRate90d), won amount (avgDealSize90d), creation-to-won seconds
     * (salesCycleDays90d).
     */
    private static final String OPPORTUNITY_KPIS = SCOPES + """
            , periods(period, first_day) AS (VALUES ('TODAY', ?::date), ('MTD', ?::date), ('QTD', ?::date), ('YTD', ?::date))
            , deals AS (
                SELECT o.*, (o.created_at AT TIME ZONE ?)::date AS created_day, (o.closed_at AT TIME ZONE ?)::date AS closed_day,
                       o.stage IN""" + OPEN + """
             AS is_open
                FROM opportunities o WHERE o.deleted_at IS NULL
            )
            SELECT s.scope, p.period,
                   coalesce(sum(d.amount_base) FILTER (WHERE d.stage = 'CLOSED_WON' AND d.closed_day BETWEEN p.first_day AND ?), 0) AS revenue_won,
                   count(d.id) FILTER (WHERE d.created_day BETWEEN p.first_day AND ?) AS new_opportunities,
                   coalesce(sum(d.amount_base) FILTER (WHERE d.is_open), 0) AS open_pipeline,
                   round(coalesce(sum(d.amount_base * d.probability / 100.0) FILTER (WHERE d.is_open), 0), 2) AS weighted_pipeline,
                   count(d.id) FILTER (WHERE d.stage = 'CLOSED_WON' AND d.closed_day BETWEEN ? AND ?) AS won_90d,
                   count(d.id) FILTER (WHERE d.stage = 'CLOSED_LOST' AND d.closed_day BETWEEN ? AND ?) AS lost_90d,
                   sum(d.amount_base) FILTER (WHERE d.stage = 'CLOSED_WON' AND d.closed_day BETWEEN ? AND ?) AS won_amount_90d,
                   sum(extract(epoch FROM d.closed_at - d.created_at))
                       FILTER (WHERE d.stage = 'CLOSED_WON' AND d.closed_day BETWEEN ? AND ?) AS cycle_seconds_90d
            FROM scopes s CROSS JOIN periods p LEFT JOIN deals d ON s.everyone OR s.owner_id = d.owner_id
            GROUP BY s.scope, p.period
            """;

    /**
     * §KPIs newLeads (created in the period), leadConversionRate (converted in the period / closed — converted or
     * disqualified — in the period; a disqualified lead closed when it last became DISQUALIFIED, per its history),
     * activities (completed in the period). Binned records count nowhere.
     */
    private static final String LEAD_AND_ACTIVITY_KPIS = SCOPES + """
            , periods(period, first_day) AS (VALUES ('TODAY', ?::date), ('MTD', ?::date), ('QTD', ?::date), ('YTD', ?::date))
            , lead_days AS (
                SELECT l.owner_id, (l.created_at AT TIME ZONE ?)::date AS created_day,
                       CASE WHEN l.status = 'CONVERTED' THEN (l.converted_at AT TIME ZONE ?)::date END AS converted_day,
                       CASE WHEN l.status = 'DISQUALIFIED' THEN (
                           SELECT (max(h.changed_at) AT TIME ZONE ?)::date FROM lead_history h
                           WHERE h.lead_id = l.id AND h.field = 'status' AND h.new_value = 'DISQUALIFIED') END AS disqualified_day
                FROM leads l WHERE l.deleted_at IS NULL
            ), lead_figures AS (
                SELECT s.scope, p.period,
                       count(*) FILTER (WHERE ld.created_day BETWEEN p.first_day AND ?) AS new_leads,
                       count(*) FILTER (WHERE ld.converted_day BETWEEN p.first_day AND ?) AS converted,
                       count(*) FILTER (WHERE ld.converted_day BETWEEN p.first_day AND ?
                                           OR ld.disqualified_day BETWEEN p.first_day AND ?) AS closed
                FROM scopes s CROSS JOIN periods p JOIN lead_days ld ON s.everyone OR s.owner_id = ld.owner_id
                GROUP BY s.scope, p.period
            ), activity_figures AS (
                SELECT s.scope, p.period, count(*) AS activities
                FROM scopes s CROSS JOIN periods p
                     JOIN activities a ON (s.everyone OR s.owner_id = a.owner_id) AND a.deleted_at IS NULL
                         AND (a.completed_at AT TIME ZONE ?)::date BETWEEN p.first_day AND ?
                GROUP BY s.scope, p.period
            )
            SELECT sp.scope, sp.period, coalesce(lf.new_leads, 0) AS new_leads, coalesce(lf.converted, 0) AS converted,
                   coalesce(lf.closed, 0) AS closed, coalesce(af.activities, 0) AS activities
            FROM (SELECT DISTINCT s.scope, p.period FROM scopes s CROSS JOIN periods p) sp
                 LEFT JOIN lead_figures lf ON lf.scope = sp.scope AND lf.period = sp.period
                 LEFT JOIN activity_figures af ON af.scope = sp.scope AND af.period = sp.period
            """;

    /**
     * §KPIs customersByTier: "count of active accounts per tier", now — every live ACTIVE account whatever its type
     * (METRICS.md counts accounts, not only type CUSTOMER); an account's owner is its scope.
     */
    private static final String CUSTOMERS_BY_TIER = SCOPES + """
            SELECT s.scope, a.tier, count(*) AS customers
            FROM accounts a JOIN scopes s ON s.everyone OR s.owner_id = a.owner_id
            WHERE a.deleted_at IS NULL AND a.status = 'ACTIVE' AND a.tier IS NOT NULL
            GROUP BY s.scope, a.tier
            """;

    private final Connection connection;
    private final ZoneId zone;
    private final List<GroundTruthScope> scopes;

    PostgresGroundTruth(String jdbcUrl, ZoneId zone, List<GroundTruthScope> scopes) {
        this.zone = zone;
        this.scopes = scopes;
        try {
            connection = DriverManager.getConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to " + jdbcUrl, e);
        }
    }

    /** The month cells of the horizon: this month (company zone) and the five after it. */
    static List<LocalDate> horizon(LocalDate today) {
        List<LocalDate> months = new ArrayList<>();
        for (int i = 0; i < HORIZON_MONTHS; i++) {
            months.add(today.withDayOfMonth(1).plusMonths(i));
        }
        return months;
    }

    static Map<String, LocalDate> periodStarts(LocalDate today) {
        return Map.of("TODAY", today, "MTD", today.withDayOfMonth(1),
                "QTD", today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1), "YTD", today.withDayOfYear(1));
    }

    /** Every figure for every scope, as of {@code today} in the company zone. */
    Figures recompute(LocalDate today) {
        Figures figures = new Figures();
        funnel(figures);
        forecast(figures, today);
        opportunityKpis(figures, today);
        leadAndActivityKpis(figures, today);
        customersByTier(figures, today);
        return figures;
    }

    private void funnel(Figures figures) {
        Map<String, Map<String, Object>> rows = rows(FUNNEL, List.of(), "stage");
        for (GroundTruthScope scope : scopes) {
            for (String stage : CrmWorkload.OPEN) {
                Map<String, Object> row = rows.get(scope.key() + "|" + stage);
                figures.put(scope, "funnel " + stage, "count", row == null ? 0 : row.get("count"));
                figures.put(scope, "funnel " + stage, "amount", row == null ? 0 : row.get("amount"));
                figures.put(scope, "funnel " + stage, "weighted", row == null ? 0 : row.get("weighted"));
            }
        }
    }

    private void forecast(Figures figures, LocalDate today) {
        LocalDate month = today.withDayOfMonth(1);
        Map<String, Map<String, Object>> sums = rows(FORECAST, List.of(zone.getId(), Date.valueOf(today), Date.valueOf(month)), "month");
        Map<String, Map<String, Object>> targets = rows(TARGETS, null, "month");
        for (GroundTruthScope scope : scopes) {
            for (LocalDate m : horizon(today)) {
                Map<String, Object> row = sums.get(scope.key() + "|" + m);
                BigDecimal closedWon = decimal(row, "closed_won");
                BigDecimal pipeline = decimal(row, "pipeline");
                BigDecimal weighted = decimal(row, "weighted");
                BigDecimal commit = closedWon.add(decimal(row, "open_commit"));
                BigDecimal bestCase = commit.add(decimal(row, "open_best_case"));
                Map<String, Object> targetRow = targets.get(scope.key() + "|" + m);
                BigDecimal target = targetRow == null ? null : (BigDecimal) targetRow.get("target");
                BigDecimal gap = target == null ? null : target.subtract(closedWon).max(BigDecimal.ZERO);
                String cell = "forecast " + m.toString().substring(0, 7);
                figures.put(scope, cell, "closedWon", closedWon);
                figures.put(scope, cell, "pipeline", pipeline);
                figures.put(scope, cell, "weighted", cents(weighted));
                figures.put(scope, cell, "commit", commit);
                figures.put(scope, cell, "bestCase", bestCase);
                figures.put(scope, cell, "projected", cents(closedWon.add(weighted)));
                figures.put(scope, cell, "target", target);
                figures.put(scope, cell, "attainment", target == null || target.signum() == 0 ? null
                        : closedWon.divide(target, 4, RoundingMode.HALF_UP));
                figures.put(scope, cell, "gap", gap);
                figures.put(scope, cell, "coverage", gap == null || gap.signum() == 0 ? null
                        : pipeline.divide(gap, 4, RoundingMode.HALF_UP));
            }
        }
    }

    private void opportunityKpis(Figures figures, LocalDate today) {
        Map<String, LocalDate> starts = periodStarts(today);
        LocalDate trailing = today.minusDays(89);
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(starts.get("TODAY")), Date.valueOf(starts.get("MTD")),
                Date.valueOf(starts.get("QTD")), Date.valueOf(starts.get("YTD")), zone.getId(), zone.getId(),
                Date.valueOf(today), Date.valueOf(today)));
        for (int i = 0; i < 4; i++) {
            params.add(Date.valueOf(trailing));
            params.add(Date.valueOf(today));
        }
        Map<String, Map<String, Object>> rows = rows(OPPORTUNITY_KPIS, params, "period");
        for (GroundTruthScope scope : scopes) {
            for (String period : starts.keySet()) {
                Map<String, Object> row = rows.get(scope.key() + "|" + period);
                String cell = "KPI " + period;
                long won = ((Number) row.get("won_90d")).longValue();
                long lost = ((Number) row.get("lost_90d")).longValue();
                figures.put(scope, cell, "revenueWon", row.get("revenue_won"));
                figures.put(scope, cell, "newOpportunities", row.get("new_opportunities"));
                figures.put(scope, cell, "openPipeline", row.get("open_pipeline"));
                figures.put(scope, cell, "weightedPipeline", row.get("weighted_pipeline"));
                figures.put(scope, cell, "winRate90d", won + lost == 0 ? null
                        : BigDecimal.valueOf(won).divide(BigDecimal.valueOf(won + lost), 4, RoundingMode.HALF_UP));
                figures.put(scope, cell, "avgDealSize90d", won == 0 ? null
                        : ((BigDecimal) row.get("won_amount_90d")).divide(BigDecimal.valueOf(won), 2, RoundingMode.HALF_UP));
                figures.put(scope, cell, "salesCycleDays90d", won == 0 ? null
                        : ((BigDecimal) row.get("cycle_seconds_90d")).divide(BigDecimal.valueOf(86_400L * won), 2, RoundingMode.HALF_UP));
                figures.put(scope, cell, "asOf", today);
            }
        }
    }

    private void leadAndActivityKpis(Figures figures, LocalDate today) {
        Map<String, LocalDate> starts = periodStarts(today);
        Date day = Date.valueOf(today);
        List<Object> params = List.of(Date.valueOf(starts.get("TODAY")), Date.valueOf(starts.get("MTD")),
                Date.valueOf(starts.get("QTD")), Date.valueOf(starts.get("YTD")), zone.getId(), zone.getId(), zone.getId(),
                day, day, day, day, zone.getId(), day);
        Map<String, Map<String, Object>> rows = rows(LEAD_AND_ACTIVITY_KPIS, params, "period");
        for (GroundTruthScope scope : scopes) {
            for (String period : starts.keySet()) {
                Map<String, Object> row = rows.get(scope.key() + "|" + period);
                long converted = ((Number) row.get("converted")).longValue();
                long closed = ((Number) row.get("closed")).longValue();
                String cell = "KPI " + period;
                figures.put(scope, cell, "newLeads", row.get("new_leads"));
                figures.put(scope, cell, "leadConversionRate", closed == 0 ? null
                        : BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(closed), 4, RoundingMode.HALF_UP));
                figures.put(scope, cell, "activities", row.get("activities"));
            }
        }
    }

    private void customersByTier(Figures figures, LocalDate today) {
        Map<String, Map<String, Object>> rows = rows(CUSTOMERS_BY_TIER, List.of(), "tier");
        for (GroundTruthScope scope : scopes) {
            for (String tier : List.of("A", "B", "C", "D")) {
                Map<String, Object> row = rows.get(scope.key() + "|" + tier);
                for (String period : periodStarts(today).keySet()) {
                    figures.put(scope, "KPI " + period, "customersTier" + tier, row == null ? 0 : row.get("customers"));
                }
            }
        }
    }

    /**
     * Runs {@code sql} (the team and owner ids of the scopes first, unless {@code params} is null: a query without
     * scopes) and keys its rows "scope|&lt;cellColumn&gt;".
     */
    private Map<String, Map<String, Object>> rows(String sql, List<Object> params, String cellColumn) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            if (params != null) {
                statement.setArray(i++, connection.createArrayOf("text", ids("TEAM")));
                statement.setArray(i++, connection.createArrayOf("text", ids("OWNER")));
                for (Object p : params) {
                    statement.setObject(i++, p);
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getObject(c));
                    }
                    rows.put(rs.getString("scope") + "|" + rs.getObject(cellColumn), row);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recompute from Postgres: " + e.getMessage() + "\n" + sql, e);
        }
        return rows;
    }

    private String[] ids(String type) {
        return scopes.stream().filter(s -> s.type().equals(type)).map(GroundTruthScope::id).toArray(String[]::new);
    }

    private static BigDecimal decimal(Map<String, Object> row, String column) {
        return row == null ? BigDecimal.ZERO : (BigDecimal) row.get(column);
    }

    private static BigDecimal cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
