package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.olap.query.CubeCatalogue;
import com.pulse.olap.query.DataScope;
import com.pulse.olap.query.Filter;
import com.pulse.olap.query.PivotQuery;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * WON_AMOUNT targets in the firing's data scope whose attainment is below {@code attainmentBelowPct} % while at least
 * {@code periodElapsedPct} % of their period has passed at the firing's instant, read from olap's {@code targets} and
 * {@code opportunities} cubes with olap's compiler ({@link OlapQueries}).
 *
 * <p>METRICS.md, exactly: attainment = actual / target with actual = revenueWon = Σ amountBase of the opportunities
 * won in the period, i.e. in stage CLOSED_WON, not deleted, {@code closedAt} in the target's calendar period in the
 * company time zone (§Targets, §KPIs; periods are the company's, not the recipient's), and up to the firing's
 * instant, so a re-run finds the same. A USER target counts its user's deals, a TEAM target the deals of the team and
 * the teams below it: olap's owner and team data scopes (the fact's team path, as olap's pivots count a team). Which
 * targets the firing sees is olap's data scope of the targets cube: a rep their own USER targets, a manager the
 * targets of their team subtree. Only the periods that contain the instant are asked (its month, quarter and year):
 * an ended period is missed, not at risk. A target of 0 has no attainment and never alerts; a target of a team
 * deleted in the api is skipped.
 */
@Component
class TargetAtRisk implements BuiltInQuery {

    private static final String METRIC = "WON_AMOUNT";
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final OlapQueries olap;
    private final ApiNames names;
    private final Company company;

    TargetAtRisk(OlapQueries olap, ApiNames names, Company company) {
        this.olap = olap;
        this.names = names;
        this.company = company;
    }

    @Override
    public RuleType type() {
        return RuleType.TARGET_AT_RISK;
    }

    /** A calendar period of the company: its name as targets carry it and its first and following day. */
    private record Period(String name, LocalDate first, LocalDate next) {
    }

    private record AtRisk(Period period, String scopeType, String scopeId, String name, BigDecimal won, BigDecimal target,
                          long elapsed) {
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        int belowPct = ((Number) parameters.get("attainmentBelowPct")).intValue();
        int elapsedPct = ((Number) parameters.get("periodElapsedPct")).intValue();
        LocalDate day = at.atZone(company.zone()).toLocalDate();
        LocalDate quarter = LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        Map<String, Period> periods = new LinkedHashMap<>();
        for (Period p : List.of(new Period(String.valueOf(day.getYear()), day.withDayOfYear(1), day.withDayOfYear(1).plusYears(1)),
                new Period(day.getYear() + "-Q" + ((day.getMonthValue() - 1) / 3 + 1), quarter, quarter.plusMonths(3)),
                new Period(day.toString().substring(0, 7), day.withDayOfMonth(1), day.withDayOfMonth(1).plusMonths(1)))) {
            periods.put(p.name(), p);
        }
        OlapQueries.Run run = olap.run(olap.firingScope(ownerId, recipientId), at);
        List<OlapQueries.Row> targets = run.rows(run.pivot(new PivotQuery("targets", List.of("scopeType", "scope", "period"),
                List.of(), List.of("value"), List.of(Filter.eq("metric", METRIC),
                Filter.in("period", List.copyOf(periods.keySet()))), null)));
        Map<String, String> userNames = names.users(targets.stream().map(r -> r.member(1)).toList());
        Map<String, String> teamNames = names.teams(targets.stream().map(r -> r.member(1)).toList());
        List<AtRisk> found = new ArrayList<>();
        for (OlapQueries.Row target : targets) {
            BigDecimal value = (BigDecimal) target.value("value");
            Period period = periods.get(target.member(2));
            String type = target.member(0);
            String id = target.member(1);
            String name = "TEAM".equals(type) ? teamNames.get(id) : userNames.getOrDefault(id, id);
            long elapsed = elapsedPercentTimesSeconds(period, at);
            long length = seconds(period);
            if (value.signum() <= 0 || name == null || elapsed < (long) elapsedPct * length) {
                continue; // no attainment, a deleted team, or too early in the period to tell
            }
            BigDecimal won = revenueWon(run, period, at, "TEAM".equals(type) ? DataScope.team(id) : DataScope.owner(id));
            if (won.multiply(HUNDRED).compareTo(value.multiply(BigDecimal.valueOf(belowPct))) < 0) {
                found.add(new AtRisk(period, type, id, name, won, value, elapsed / length));
            }
        }
        List<Match> matches = found.stream()
                .sorted(Comparator.comparing((AtRisk r) -> r.period().first()).thenComparing(r -> "TEAM".equals(r.scopeType()))
                        .thenComparing(AtRisk::name).thenComparing(AtRisk::scopeId))
                .map(r -> match(r, lines)).toList();
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("at", at.toString());
        shown.put("periods", List.copyOf(periods.keySet()));
        shown.put("attainmentBelowPct", belowPct);
        shown.put("periodElapsedPct", elapsedPct);
        return run.evaluation(shown, matches);
    }

    // METRICS.md revenueWon of the period up to the firing's instant, in the target's own scope
    private BigDecimal revenueWon(OlapQueries.Run run, Period period, Instant at, DataScope of) {
        var opportunities = CubeCatalogue.OPPORTUNITIES;
        List<OlapQueries.Row> total = run.rows(run.pivot(new PivotQuery("opportunities", List.of(), List.of(), List.of("amountBase"),
                        List.of(Filter.eq("stage", "CLOSED_WON")), null),
                OlapQueries.between(opportunities, "closedDate", company.start(period.first()), company.start(period.next())),
                OlapQueries.upTo(opportunities, "closedDate", at)), of);
        return total.isEmpty() ? BigDecimal.ZERO : (BigDecimal) total.get(0).value("amountBase");
    }

    private Match match(AtRisk r, Lines lines) {
        String attainment = r.won().multiply(HUNDRED).divide(r.target(), 1, RoundingMode.HALF_UP).toPlainString();
        String line = lines.targetAtRisk("TEAM".equals(r.scopeType()), r.name(), r.period().name(), company.amount(r.won()),
                company.money(r.target()), attainment, r.elapsed());
        return names.target(r.scopeType(), r.scopeId(), r.period().name(), METRIC)
                .map(id -> new Match("target:" + id, line, "/api/v1/targets/" + id))
                .orElseGet(() -> new Match("target:" + r.scopeType() + ":" + r.scopeId() + ":" + r.period().name(), line, null));
    }

    // (at − start) × 100 in seconds: compared with pct × length, and ÷ length is the whole percentage gone
    private long elapsedPercentTimesSeconds(Period period, Instant at) {
        return Duration.between(company.start(period.first()), at).toSeconds() * 100;
    }

    private long seconds(Period period) {
        return Duration.between(company.start(period.first()), company.start(period.next())).toSeconds();
    }
}
