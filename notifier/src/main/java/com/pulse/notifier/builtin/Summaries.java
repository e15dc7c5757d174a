package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.olap.query.CubeCatalogue;
import com.pulse.olap.query.Dimension;
import com.pulse.olap.query.Filter;
import com.pulse.olap.query.Pivot;
import com.pulse.olap.query.PivotQuery;
import com.pulse.olap.query.RecordsQuery;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * {@code PERIODIC_SUMMARY}: one report per firing, its first match the headline, read from olap's cubes
 * ({@link OlapQueries}: olap's catalogue and compiler, olap's data scope of the recipient). METRICS.md's definitions in
 * the company's calendar: revenueWon = Σ amountBase of the opportunities in CLOSED_WON closed in the period (the
 * opportunities cube: not deleted); activities = activities completed in the period. Only what was closed or completed
 * up to the firing's instant counts, so a re-run of a period finds the same figures. Teams are the team a deal was
 * booked in (the fact's team, as olap's pivot shows it); names of deals and teams come from the api's tables.
 *
 * <p>Collections are not summarised: Pulse records no payments yet.
 */
@Component
class Summaries implements BuiltInQuery {

    static final int TOP_DEALS = 5;
    private static final Filter WON = Filter.eq("stage", "CLOSED_WON");

    private final OlapQueries olap;
    private final ApiNames names;
    private final Company company;

    Summaries(OlapQueries olap, ApiNames names, Company company) {
        this.olap = olap;
        this.names = names;
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
        OlapQueries.Run run = olap.run(olap.firingScope(ownerId, recipientId), at);
        String report = (String) parameters.get("report");
        return switch (report) {
            case "WON_LAST_MONTH" -> wonLastMonth(run, today, lines);
            case "ACTIVITIES_THIS_WEEK" -> activitiesThisWeek(run, at, today, lines);
            case "SALES_BY_TEAM_LAST_YEAR" -> salesByTeamLastYear(run, today, lines);
            default -> throw new IllegalStateException("unknown report " + report);
        };
    }

    // the month is over by the firing, so the company days of the month are the period exactly
    private Evaluation wonLastMonth(OlapQueries.Run run, LocalDate today, Lines lines) {
        LocalDate month = today.withDayOfMonth(1).minusMonths(1);
        List<Filter> filters = List.of(WON, Filter.between("closedDate", month.toString(), month.plusMonths(1).minusDays(1).toString()));
        OlapQueries.Row total = run.rows(run.pivot(new PivotQuery("opportunities", List.of(), List.of(),
                List.of("count", "amountBase"), filters, null))).get(0);
        long count = ((Number) total.value("count")).longValue();
        BigDecimal amount = (BigDecimal) total.value("amountBase");
        // the largest deals: the records of the same cell, i.e. exactly the facts counted above
        List<Map<String, Object>> largest = run.records(new RecordsQuery("opportunities", filters, Map.of(), null, null)).stream()
                .sorted(Comparator.comparing((Map<String, Object> r) -> (BigDecimal) r.get("amountBase")).reversed()
                        .thenComparing(r -> String.valueOf(r.get("id"))))
                .limit(TOP_DEALS).toList();
        Map<String, String> dealNames = names.deals(largest.stream().map(r -> String.valueOf(r.get("id"))).toList());
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.wonInMonth(month.toString().substring(0, 7), count, company.money(amount))));
        for (Map<String, Object> deal : largest) {
            String id = String.valueOf(deal.get("id"));
            report.add(new Match("opportunity:" + id, lines.wonDeal(dealNames.getOrDefault(id, id),
                    company.money((BigDecimal) deal.get("amountBase"))), "/api/v1/opportunities/" + id));
        }
        if (count > TOP_DEALS) {
            report.add(headline(lines.more((int) (count - TOP_DEALS))));
        }
        return run.evaluation(period(month, month.plusMonths(1)), report);
    }

    private Evaluation activitiesThisWeek(OlapQueries.Run run, Instant at, LocalDate today, Lines lines) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant from = company.start(monday);
        Instant to = company.start(monday.plusDays(7));
        var activities = CubeCatalogue.ACTIVITIES;
        PivotQuery byType = new PivotQuery("activities", List.of("type"), List.of(), List.of("count", "completed"), List.of(), null);
        // completed this week by the firing's instant; open = not completed and due from now to Sunday's end; overdue =
        // not completed and due before now (count − completed of the activities due then)
        Map<String, long[]> types = new TreeMap<>();
        for (OlapQueries.Row row : run.rows(run.pivot(byType, OlapQueries.between(activities, "completedDate", from, to),
                OlapQueries.upTo(activities, "completedDate", at)))) {
            types.computeIfAbsent(row.member(0), t -> new long[3])[0] = ((Number) row.value("completed")).longValue();
        }
        for (OlapQueries.Row row : run.rows(run.pivot(byType, OlapQueries.between(activities, "dueDate", at, to)))) {
            types.computeIfAbsent(row.member(0), t -> new long[3])[1] = notCompleted(row);
        }
        for (OlapQueries.Row row : run.rows(run.pivot(byType, OlapQueries.before(activities, "dueDate", at)))) {
            types.computeIfAbsent(row.member(0), t -> new long[3])[2] = notCompleted(row);
        }
        long[] sums = new long[3];
        List<Match> perType = new ArrayList<>();
        types.forEach((type, n) -> {
            if (n[0] + n[1] + n[2] == 0) {
                return; // a type with nothing to count this week has no line
            }
            for (int i = 0; i < 3; i++) {
                sums[i] += n[i];
            }
            perType.add(new Match("activities:" + type, lines.activitiesOfType(type, n[0], n[1], n[2]), null));
        });
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.activitiesWeek(monday.toString(), monday.plusDays(6).toString(), sums[0], sums[1], sums[2])));
        report.addAll(perType);
        return run.evaluation(period(monday, monday.plusDays(7)), report);
    }

    private static long notCompleted(OlapQueries.Row row) {
        return ((Number) row.value("count")).longValue() - ((Number) row.value("completed")).longValue();
    }

    private Evaluation salesByTeamLastYear(OlapQueries.Run run, LocalDate today, Lines lines) {
        LocalDate year = today.withDayOfYear(1).minusYears(1);
        Pivot pivot = run.pivot(new PivotQuery("opportunities", List.of("team"), List.of(), List.of("count", "amountBase"),
                List.of(WON, Filter.between("closedDate", year.toString(), year.plusYears(1).minusDays(1).toString())), null));
        List<OlapQueries.Row> teams = run.rows(pivot);
        Map<String, String> teamNames = names.teams(teams.stream().map(r -> r.member(0)).toList());
        long deals = 0;
        BigDecimal total = BigDecimal.ZERO;
        List<Match> perTeam = new ArrayList<>();
        for (OlapQueries.Row row : teams.stream().sorted(Comparator
                .comparing((OlapQueries.Row r) -> (BigDecimal) r.value("amountBase")).reversed()
                .thenComparing(r -> teamNames.getOrDefault(r.member(0), "\uffff"))
                .thenComparing(r -> r.member(0))).toList()) {
            long n = ((Number) row.value("count")).longValue();
            BigDecimal won = (BigDecimal) row.value("amountBase");
            deals += n;
            total = total.add(won);
            String team = row.member(0);
            perTeam.add(new Match("team:" + (Dimension.NONE.equals(team) ? "null" : team),
                    lines.teamWon(teamNames.get(team), n, company.money(won)), null));
        }
        List<Match> report = new ArrayList<>();
        report.add(headline(lines.wonInYear(String.valueOf(year.getYear()), deals, company.money(total))));
        report.addAll(perTeam);
        return run.evaluation(period(year, year.plusYears(1)), report);
    }

    private Map<String, Object> period(LocalDate from, LocalDate to) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("from", company.start(from).toString());
        shown.put("to", company.start(to).toString());
        return shown;
    }

    private static Match headline(String line) {
        return new Match("summary", line, null);
    }
}
