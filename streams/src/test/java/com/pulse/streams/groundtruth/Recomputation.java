package com.pulse.streams.groundtruth;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * METRICS.md recomputed from the API's rows — the final snapshot of every opportunity (its table) and every
 * version (its history) — written from the definitions, not from the topology: sums over rows, as a SQL query
 * over Postgres would compute them. Money is summed exactly and rounded to cents at the end, as ClickHouse
 * stores it. Every figure maps a cell key to its values, rendered as text.
 */
final class Recomputation {

    // METRICS.md §Opportunity stages, written out again on purpose (the topology reads Pipeline.DEFAULT).
    static final List<String> OPEN = List.of("PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION");
    static final String WON = "CLOSED_WON";
    static final Map<String, String> DEFAULT_CATEGORY = Map.of("PROSPECTING", "PIPELINE", "QUALIFICATION", "PIPELINE",
            "NEEDS_ANALYSIS", "PIPELINE", "PROPOSAL", "BEST_CASE", "NEGOTIATION", "COMMIT", WON, "CLOSED", "CLOSED_LOST", "OMITTED");
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final List<OpportunitySnapshot> rows;
    private final List<List<OpportunityChanged>> history;
    private final ZoneId zone;
    private final LocalDate today;
    /** Each owner's team and every team above it (the users' and teams' rows); owners without a team are absent. */
    private final Map<UUID, List<UUID>> teamPaths;

    Recomputation(List<OpportunitySnapshot> rows, List<List<OpportunityChanged>> history, ZoneId zone, LocalDate today,
                  Map<UUID, List<UUID>> teamPaths) {
        this.rows = rows;
        this.history = history;
        this.zone = zone;
        this.today = today;
        this.teamPaths = teamPaths;
    }

    /** The scopes a deal counts for, of the given types: the company, its owner, the owner's team and every team above. */
    private List<String> scopes(OpportunitySnapshot s, Set<String> scopeTypes) {
        List<String> scopes = new ArrayList<>();
        if (scopeTypes.contains("COMPANY")) {
            scopes.add("COMPANY:company");
        }
        if (scopeTypes.contains("OWNER") && s.ownerId() != null) {
            scopes.add("OWNER:" + s.ownerId());
        }
        if (scopeTypes.contains("TEAM") && s.ownerId() != null) {
            teamPaths.getOrDefault(s.ownerId(), List.of()).forEach(team -> scopes.add("TEAM:" + team));
        }
        return scopes;
    }

    /** §Funnel snapshot funnel per scope and open stage: count, Σ amountBase, Σ amountBase × probability / 100. */
    Map<String, List<String>> funnel(Set<String> scopeTypes) {
        Map<String, BigDecimal[]> sums = new HashMap<>();
        for (OpportunitySnapshot s : rows) {
            if (s.deleted() || !OPEN.contains(s.stage())) {
                continue;
            }
            for (String scope : scopes(s, scopeTypes)) {
                add(sums.computeIfAbsent(scope + ":" + s.stage(), k -> zeros(3)), BigDecimal.ONE, s.amountBase(), weighted(s));
            }
        }
        Map<String, List<String>> cells = new HashMap<>();
        sums.forEach((k, v) -> cells.put(k, List.of(v[0].toPlainString(), cents(v[1]), cents(v[2]))));
        return cells;
    }

    /**
     * §Forecast per scope ("COMPANY:company", "OWNER:&lt;id&gt;", "TEAM:&lt;id&gt;") and month: closedWon, pipeline, weighted,
     * commit, bestCase, projected. Deals without owner count for the company only.
     */
    Map<String, List<String>> forecast(Set<String> scopeTypes) {
        Map<String, BigDecimal[]> sums = new HashMap<>();   // closedWon, pipeline, weighted, open COMMIT, open BEST_CASE
        for (OpportunitySnapshot s : rows) {
            if (s.deleted()) {
                continue;
            }
            String category = s.forecastCategory() == null || s.forecastCategory().isBlank()
                    ? DEFAULT_CATEGORY.get(s.stage()) : s.forecastCategory();
            YearMonth month;
            BigDecimal[] contribution = zeros(5);
            if (WON.equals(s.stage()) && s.closedAt() != null) {
                month = YearMonth.from(s.closedAt().atZone(zone));
                contribution[0] = s.amountBase();
            } else if (OPEN.contains(s.stage()) && s.expectedCloseDate() != null && !"OMITTED".equals(category)) {
                // Open deals whose expected close date has passed count in the current month.
                month = s.expectedCloseDate().isBefore(today) ? YearMonth.from(today) : YearMonth.from(s.expectedCloseDate());
                contribution[1] = s.amountBase();
                contribution[2] = weighted(s);
                contribution[3] = "COMMIT".equals(category) ? s.amountBase() : BigDecimal.ZERO;
                contribution[4] = "BEST_CASE".equals(category) ? s.amountBase() : BigDecimal.ZERO;
            } else {
                continue;
            }
            for (String scope : scopes(s, scopeTypes)) {
                add(sums.computeIfAbsent(scope + ":" + month, k -> zeros(5)), contribution);
            }
        }
        Map<String, List<String>> cells = new HashMap<>();
        sums.forEach((k, v) -> {
            BigDecimal commit = v[0].add(v[3]);
            cells.put(k, List.of(cents(v[0]), cents(v[1]), cents(v[2]), cents(commit), cents(commit.add(v[4])), cents(v[0].add(v[2]))));
        });
        return cells;
    }

    /**
     * §Funnel stage transitions as facts: every version whose stage differs from the previous version's (the first
     * version from nowhere), keyed "id@version" → from, to, at (UTC seconds), amountBase, owner.
     */
    Map<String, List<String>> transitions() {
        Map<String, List<String>> facts = new HashMap<>();
        for (List<OpportunityChanged> versions : history) {
            String previous = null;
            for (OpportunityChanged e : versions) {
                OpportunitySnapshot s = e.snapshot();
                if (!s.stage().equals(previous)) {
                    facts.put(s.id() + "@" + s.version(), Arrays.asList(previous, s.stage(), SECONDS.format(s.updatedAt()),
                            cents(s.amountBase()), s.ownerId() == null ? null : s.ownerId().toString()));
                }
                previous = s.stage();
            }
        }
        return facts;
    }

    /**
     * §KPIs fed by opportunities, per scope ("COMPANY:company", "OWNER:&lt;id&gt;", "TEAM:&lt;id&gt;") and period (TODAY, MTD, QTD, YTD:
     * from the period's first day up to today, company time zone): revenueWon, newOpportunities, openPipeline and
     * weightedPipeline (now), winRate90d (basis points), avgDealSize90d and salesCycleDays90d over the trailing 90
     * days ending today. Deleted opportunities count nowhere.
     */
    Map<String, List<String>> kpis() {
        Map<String, List<OpportunitySnapshot>> byScope = new HashMap<>();
        for (OpportunitySnapshot s : rows) {
            if (s.deleted()) {
                continue;
            }
            for (String scope : scopes(s, Set.of("COMPANY", "OWNER", "TEAM"))) {
                byScope.computeIfAbsent(scope, k -> new ArrayList<>()).add(s);
            }
        }
        LocalDate trailingStart = today.minusDays(89);
        Map<String, LocalDate> periodStarts = Map.of("TODAY", today, "MTD", today.withDayOfMonth(1),
                "QTD", today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1), "YTD", today.withDayOfYear(1));
        Map<String, List<String>> cells = new HashMap<>();
        byScope.forEach((scope, deals) -> {
            BigDecimal open = BigDecimal.ZERO;
            BigDecimal openWeighted = BigDecimal.ZERO;
            long won90 = 0;
            long lost90 = 0;
            long cycleSeconds90 = 0;
            BigDecimal wonAmount90 = BigDecimal.ZERO;
            for (OpportunitySnapshot s : deals) {
                if (OPEN.contains(s.stage())) {
                    open = open.add(s.amountBase());
                    openWeighted = openWeighted.add(weighted(s));
                } else if (s.closedAt() != null && within(s.closedAt(), trailingStart, today)) {
                    if (WON.equals(s.stage())) {
                        won90++;
                        wonAmount90 = wonAmount90.add(s.amountBase());
                        cycleSeconds90 += java.time.Duration.between(s.createdAt(), s.closedAt()).toSeconds();
                    } else {
                        lost90++;
                    }
                }
            }
            String winRate = won90 + lost90 == 0 ? null : BigDecimal.valueOf(won90)
                    .divide(BigDecimal.valueOf(won90 + lost90), 4, RoundingMode.HALF_UP).movePointRight(4).toBigInteger().toString();
            String avgDeal = won90 == 0 ? null : wonAmount90.divide(BigDecimal.valueOf(won90), 2, RoundingMode.HALF_UP).toPlainString();
            String cycle = won90 == 0 ? null : BigDecimal.valueOf(cycleSeconds90)
                    .divide(BigDecimal.valueOf(86_400L * won90), 2, RoundingMode.HALF_UP).toPlainString();
            for (Map.Entry<String, LocalDate> period : periodStarts.entrySet()) {
                BigDecimal revenue = BigDecimal.ZERO;
                long created = 0;
                for (OpportunitySnapshot s : deals) {
                    if (WON.equals(s.stage()) && s.closedAt() != null && within(s.closedAt(), period.getValue(), today)) {
                        revenue = revenue.add(s.amountBase());
                    }
                    if (within(s.createdAt(), period.getValue(), today)) {
                        created++;
                    }
                }
                cells.put(scope + ":" + period.getKey(), java.util.Arrays.asList(cents(revenue), Long.toString(created),
                        cents(open), cents(openWeighted), winRate, avgDeal, cycle));
            }
        });
        return cells;
    }

    private boolean within(java.time.Instant at, LocalDate first, LocalDate last) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return !day.isBefore(first) && !day.isAfter(last);
    }

    private static BigDecimal weighted(OpportunitySnapshot s) {
        return s.amountBase().multiply(BigDecimal.valueOf(s.probability())).divide(BigDecimal.valueOf(100));
    }

    static String cents(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] values = new BigDecimal[n];
        Arrays.fill(values, BigDecimal.ZERO);
        return values;
    }

    private static void add(BigDecimal[] sums, BigDecimal... values) {
        for (int i = 0; i < values.length; i++) {
            sums[i] = sums[i].add(values[i]);
        }
    }
}
