package com.pulse.streams.kpis;

import com.pulse.events.KpiChanged;
import com.pulse.events.KpiChanged.KpiTarget;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scope's KPI set for a period from its summed cells (METRICS.md §KPIs, §Targets). Ratios 4 decimals HALF_UP, the
 * mean deal size and sales cycle 2 decimals HALF_UP; sums stay exact.
 */
final class KpiFigures {

    /** The tiers of the customer pyramid (AccountSnapshot): always reported, 0 when empty. */
    static final List<String> TIERS = List.of("A", "B", "C", "D");
    static final List<String> TARGET_METRICS = List.of("WON_AMOUNT", "NEW_LEADS", "ACTIVITIES", "NEW_CUSTOMERS");
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    private KpiFigures() {
    }

    /** First day of the period containing {@code today}. */
    static LocalDate periodStart(String period, LocalDate today) {
        return switch (period) {
            case KpiChanged.TODAY -> today;
            case KpiChanged.MTD -> today.withDayOfMonth(1);
            case KpiChanged.QTD -> today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
            case KpiChanged.YTD -> today.withDayOfYear(1);
            default -> throw new IllegalArgumentException("unknown period " + period);
        };
    }

    /** The target period a KPI period is measured against: MTD ↔ MONTH, QTD ↔ QUARTER, YTD ↔ YEAR; TODAY has none. */
    static String targetPeriod(String period, LocalDate today) {
        return switch (period) {
            case KpiChanged.MTD -> "MONTH|" + YearMonth.from(today);
            case KpiChanged.QTD -> "QUARTER|" + today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
            case KpiChanged.YTD -> "YEAR|" + today.getYear();
            default -> null;
        };
    }

    /**
     * @param inPeriod the cells of the period summed, {@code trailing} the 90 days ending today, {@code now} the NOW bucket
     * @param targets  metric → Σ of the scope's live targets for the period (absent: none)
     */
    static KpiChanged of(String scopeType, String scopeId, String period, LocalDate today, KpiCell inPeriod, KpiCell trailing, KpiCell now,
                         Map<String, BigDecimal> targets, Instant at) {
        Map<String, Long> tiers = new LinkedHashMap<>();
        for (String tier : TIERS) {
            tiers.put(tier, 0L);
        }
        now.tiers().forEach((tier, n) -> tiers.merge(tier, n, Long::sum));
        Map<String, Function<KpiCell, BigDecimal>> actuals = Map.of(
                "WON_AMOUNT", KpiCell::wonAmount,
                "NEW_LEADS", c -> BigDecimal.valueOf(c.newLeads()),
                "ACTIVITIES", c -> BigDecimal.valueOf(c.activities()),
                "NEW_CUSTOMERS", c -> BigDecimal.valueOf(c.newCustomers()));
        List<KpiTarget> attainment = new ArrayList<>();
        for (String metric : TARGET_METRICS) {
            BigDecimal actual = actuals.get(metric).apply(inPeriod);
            BigDecimal target = targets.get(metric);
            attainment.add(new KpiTarget(metric, target, actual, target == null ? null : ratio(actual, target)));
        }
        long closed90 = trailing.won() + trailing.lost();
        return new KpiChanged(scopeType, scopeId, period, periodStart(period, today), today,
                inPeriod.wonAmount(), inPeriod.newLeads(), inPeriod.leadsConverted(), inPeriod.leadsClosed(),
                ratio(BigDecimal.valueOf(inPeriod.leadsConverted()), BigDecimal.valueOf(inPeriod.leadsClosed())),
                inPeriod.newOpportunities(), inPeriod.activities(), inPeriod.newCustomers(),
                now.openAmount(), now.weighted(),
                ratio(BigDecimal.valueOf(trailing.won()), BigDecimal.valueOf(closed90)),
                trailing.won() == 0 ? null : trailing.wonAmount().divide(BigDecimal.valueOf(trailing.won()), 2, RoundingMode.HALF_UP),
                trailing.won() == 0 ? null : BigDecimal.valueOf(trailing.wonCycleSeconds())
                        .divide(SECONDS_PER_DAY.multiply(BigDecimal.valueOf(trailing.won())), 2, RoundingMode.HALF_UP),
                tiers, attainment, at);
    }

    /** a / b, 4 decimals HALF_UP; null when b is 0 (METRICS.md leaves it undefined). */
    static BigDecimal ratio(BigDecimal a, BigDecimal b) {
        return b.signum() == 0 ? null : a.divide(b, 4, RoundingMode.HALF_UP);
    }
}
