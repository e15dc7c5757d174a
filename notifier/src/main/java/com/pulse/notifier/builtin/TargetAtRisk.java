package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * WON_AMOUNT targets in the scope whose attainment is below {@code attainmentBelowPct} % while at least
 * {@code periodElapsedPct} % of their period has passed at the firing's instant.
 *
 * <p>METRICS.md, exactly: attainment = actual / target with actual = revenueWon = Σ amountBase of the opportunities
 * won in the period, i.e. in stage CLOSED_WON, not deleted, {@code closedAt} in the target's calendar period in the
 * company time zone (§Targets, §KPIs; periods are the company's, not the recipient's), and up to the firing's
 * instant, so a re-run finds the same. A USER target counts its user's deals; a TEAM target the deals of every user
 * now in the team or a team below it (streams' "current membership decides"; a deleted team ends the tree). Only the
 * periods that contain the instant are asked (its month, quarter and year): an ended period is missed, not at risk.
 * A target of 0 has no attainment and never alerts.
 */
@Component
class TargetAtRisk implements BuiltInQuery {

    private final JdbcClient jdbc;
    private final Company company;

    TargetAtRisk(JdbcClient jdbc, Company company) {
        this.jdbc = jdbc;
        this.company = company;
    }

    @Override
    public RuleType type() {
        return RuleType.TARGET_AT_RISK;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        LocalDate day = at.atZone(company.zone()).toLocalDate();
        LocalDate month = day.withDayOfMonth(1);
        LocalDate quarter = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        LocalDate year = day.withDayOfYear(1);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("month", month.toString().substring(0, 7));
        values.put("monthStart", company.start(month));
        values.put("monthEnd", company.start(month.plusMonths(1)));
        values.put("quarter", day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1));
        values.put("quarterStart", company.start(quarter));
        values.put("quarterEnd", company.start(quarter.plusMonths(3)));
        values.put("year", String.valueOf(day.getYear()));
        values.put("yearStart", company.start(year));
        values.put("yearEnd", company.start(year.plusYears(1)));
        values.put("at", Timestamp.from(at));
        values.put("attainmentBelowPct", ((Number) parameters.get("attainmentBelowPct")).intValue());
        values.put("periodElapsedPct", ((Number) parameters.get("periodElapsedPct")).intValue());
        String sql = """
                WITH RECURSIVE periods (period, starts, ends) AS (
                    VALUES (CAST(:year AS text), CAST(:yearStart AS timestamptz), CAST(:yearEnd AS timestamptz)),
                           (CAST(:quarter AS text), CAST(:quarterStart AS timestamptz), CAST(:quarterEnd AS timestamptz)),
                           (CAST(:month AS text), CAST(:monthStart AS timestamptz), CAST(:monthEnd AS timestamptz))),
                live AS (
                    SELECT t.id, t.scope_type, t.scope_id, t.period, t.value, p.starts, p.ends
                    FROM public.targets t JOIN periods p ON p.period = t.period
                    WHERE t.deleted_at IS NULL AND t.metric = 'WON_AMOUNT' AND t.value > 0
                      AND extract(epoch FROM CAST(:at AS timestamptz) - p.starts) * 100
                          >= :periodElapsedPct * extract(epoch FROM p.ends - p.starts)""" + ScopedSql.target(scope, "t") + """
                ),
                tree (target_id, team_id) AS (
                    SELECT l.id, l.scope_id FROM live l JOIN public.teams tm ON tm.id = l.scope_id AND tm.deleted_at IS NULL
                    WHERE l.scope_type = 'TEAM'
                    UNION
                    SELECT tr.target_id, c.id FROM public.teams c JOIN tree tr ON c.parent_id = tr.team_id
                    WHERE c.deleted_at IS NULL),
                members (target_id, user_id) AS (
                    SELECT id, scope_id FROM live WHERE scope_type = 'USER'
                    UNION
                    SELECT tr.target_id, u.id FROM tree tr JOIN public.users u ON u.team_id = tr.team_id)
                SELECT l.id, l.scope_type, l.period, l.value, l.starts, l.ends, coalesce(u.name, tm.name) AS scope_name, w.won
                FROM live l
                LEFT JOIN public.users u ON l.scope_type = 'USER' AND u.id = l.scope_id
                LEFT JOIN public.teams tm ON l.scope_type = 'TEAM' AND tm.id = l.scope_id AND tm.deleted_at IS NULL
                CROSS JOIN LATERAL (
                    SELECT coalesce(sum(o.amount_base), 0) AS won
                    FROM members m JOIN public.opportunities o ON o.owner_id = m.user_id
                    WHERE m.target_id = l.id AND o.stage = 'CLOSED_WON' AND o.deleted_at IS NULL
                      AND o.closed_at >= l.starts AND o.closed_at < l.ends AND o.closed_at <= CAST(:at AS timestamptz)) w
                WHERE (l.scope_type = 'USER' OR tm.id IS NOT NULL)
                  AND w.won * 100 < l.value * :attainmentBelowPct
                ORDER BY l.starts, l.scope_type DESC, scope_name, l.id""";
        return ScopedSql.run(jdbc, sql, values, scope, (row, n) -> {
            String id = row.getString("id");
            BigDecimal won = row.getBigDecimal("won");
            BigDecimal target = row.getBigDecimal("value");
            Instant starts = row.getTimestamp("starts").toInstant();
            Instant ends = row.getTimestamp("ends").toInstant();
            long elapsed = Duration.between(starts, at).toSeconds() * 100 / Duration.between(starts, ends).toSeconds();
            String attainment = won.multiply(BigDecimal.valueOf(100)).divide(target, 1, RoundingMode.HALF_UP).toPlainString();
            return new Match("target:" + id, lines.targetAtRisk("TEAM".equals(row.getString("scope_type")),
                    row.getString("scope_name"), row.getString("period"), company.amount(won), company.money(target),
                    attainment, elapsed), "/api/v1/targets/" + id);
        });
    }
}
