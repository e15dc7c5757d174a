package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code PERIODIC_SUMMARY}: one report per firing, its first match the headline. METRICS.md's definitions, in the
 * company's calendar: revenueWon = Σ amountBase of opportunities in CLOSED_WON, not deleted, closed in the period;
 * activities = activities completed in the period. Only what was closed or completed up to the firing's instant
 * counts, so a re-run of a period finds the same figures. A team is the owner's current team.
 *
 * <p>Collections are not summarised: Pulse records no payments yet.
 */
@Component
class Summaries implements BuiltInQuery {

    static final int TOP_DEALS = 5;

    private final JdbcClient jdbc;
    private final Company company;

    Summaries(JdbcClient jdbc, Company company) {
        this.jdbc = jdbc;
        this.company = company;
    }

    @Override
    public RuleType type() {
        return RuleType.PERIODIC_SUMMARY;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        LocalDate today = at.atZone(company.zone()).toLocalDate();
        return switch ((String) parameters.get("report")) {
            case "WON_LAST_MONTH" -> wonLastMonth(scope, at, today, lines);
            case "ACTIVITIES_THIS_WEEK" -> activitiesThisWeek(scope, at, today, lines);
            case "SALES_BY_TEAM_LAST_YEAR" -> salesByTeamLastYear(scope, at, today, lines);
            default -> throw new IllegalStateException("unknown report " + parameters.get("report"));
        };
    }

    private Evaluation wonLastMonth(Scope scope, Instant at, LocalDate today, Lines lines) {
        LocalDate month = today.withDayOfMonth(1).minusMonths(1);
        Map<String, Object> values = period(month, month.plusMonths(1), at);
        String sql = """
                SELECT o.id, o.name, o.amount_base FROM public.opportunities o
                WHERE o.stage = 'CLOSED_WON' AND o.deleted_at IS NULL
                  AND o.closed_at >= :from AND o.closed_at < :to AND o.closed_at <= :at"""
                + ScopedSql.owner(scope, "o.owner_id") + "\nORDER BY o.amount_base DESC, o.name, o.id";
        List<BigDecimal> amounts = new ArrayList<>();
        Evaluation deals = ScopedSql.run(jdbc, sql, values, scope, (row, n) -> {
            amounts.add(row.getBigDecimal("amount_base"));
            return new Match("opportunity:" + row.getString("id"),
                    lines.wonDeal(row.getString("name"), money(row.getBigDecimal("amount_base"))),
                    "/api/v1/opportunities/" + row.getString("id"));
        });
        BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.wonInMonth(month.toString().substring(0, 7), amounts.size(), money(total))));
        report.addAll(deals.matches().stream().limit(TOP_DEALS).toList());
        if (amounts.size() > TOP_DEALS) {
            report.add(headline(lines.more(amounts.size() - TOP_DEALS)));
        }
        return new Evaluation(deals.sql(), deals.bound(), report);
    }

    private Evaluation activitiesThisWeek(Scope scope, Instant at, LocalDate today, Lines lines) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Map<String, Object> values = period(monday, monday.plusDays(7), at);
        String sql = """
                SELECT a.type,
                       count(*) FILTER (WHERE a.completed_at >= :from AND a.completed_at < :to AND a.completed_at <= :at) AS completed,
                       count(*) FILTER (WHERE a.completed_at IS NULL AND a.due_at >= :at AND a.due_at < :to) AS open,
                       count(*) FILTER (WHERE a.completed_at IS NULL AND a.due_at < :at) AS overdue
                FROM public.activities a
                WHERE a.deleted_at IS NULL"""
                + ScopedSql.owner(scope, "a.owner_id") + """

                GROUP BY a.type
                HAVING count(*) FILTER (WHERE a.completed_at >= :from AND a.completed_at < :to AND a.completed_at <= :at) > 0
                    OR count(*) FILTER (WHERE a.completed_at IS NULL AND a.due_at < :to) > 0
                ORDER BY a.type""";
        long[] sums = new long[3];
        Evaluation types = ScopedSql.run(jdbc, sql, values, scope, (row, n) -> {
            long completed = row.getLong("completed");
            long open = row.getLong("open");
            long overdue = row.getLong("overdue");
            sums[0] += completed;
            sums[1] += open;
            sums[2] += overdue;
            return new Match("activities:" + row.getString("type"),
                    lines.activitiesOfType(row.getString("type"), completed, open, overdue), null);
        });
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.activitiesWeek(monday.toString(), monday.plusDays(6).toString(), sums[0], sums[1], sums[2])));
        report.addAll(types.matches()); // a type with nothing to count this week has no line (HAVING)
        return new Evaluation(types.sql(), types.bound(), report);
    }

    private Evaluation salesByTeamLastYear(Scope scope, Instant at, LocalDate today, Lines lines) {
        LocalDate year = today.withDayOfYear(1).minusYears(1);
        Map<String, Object> values = period(year, year.plusYears(1), at);
        String sql = """
                SELECT t.id AS team_id, t.name AS team, count(*) AS deals, sum(o.amount_base) AS won
                FROM public.opportunities o
                LEFT JOIN public.users u ON u.id = o.owner_id
                LEFT JOIN public.teams t ON t.id = u.team_id
                WHERE o.stage = 'CLOSED_WON' AND o.deleted_at IS NULL
                  AND o.closed_at >= :from AND o.closed_at < :to AND o.closed_at <= :at"""
                + ScopedSql.owner(scope, "o.owner_id") + "\nGROUP BY t.id, t.name ORDER BY won DESC, team, team_id";
        long[] deals = new long[1];
        BigDecimal[] total = {BigDecimal.ZERO};
        Evaluation teams = ScopedSql.run(jdbc, sql, values, scope, (row, n) -> {
            deals[0] += row.getLong("deals");
            total[0] = total[0].add(row.getBigDecimal("won"));
            return new Match("team:" + row.getString("team_id"),
                    lines.teamWon(row.getString("team"), row.getLong("deals"), money(row.getBigDecimal("won"))), null);
        });
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.wonInYear(String.valueOf(year.getYear()), deals[0], money(total[0]))));
        report.addAll(teams.matches());
        return new Evaluation(teams.sql(), teams.bound(), report);
    }

    private Map<String, Object> period(LocalDate from, LocalDate to, Instant at) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("from", company.start(from));
        values.put("to", company.start(to));
        values.put("at", Timestamp.from(at));
        return values;
    }

    private static Match headline(String line) {
        return new Match("summary", line, null);
    }

    private String money(BigDecimal amount) {
        return company.money(amount);
    }
}
