package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A scope's sales KPIs (METRICS.md §KPIs) for one period after a change or a day roll-over. Published on
 * {@code pulse.agg.kpis.v1}, key = {@link #key()}. Every message carries the whole KPI set of the scope and period,
 * so a reader keeps the latest per key. Plain JSON.
 *
 * @param scopeType          {@code COMPANY}, {@code TEAM} or {@code OWNER}
 * @param scopeId            {@code company}, else the team's or the owner's id
 * @param period             {@code TODAY}, {@code MTD}, {@code QTD} or {@code YTD}
 * @param periodStart        first day of the period (company time zone)
 * @param asOf               the day (company time zone) the figures are computed for
 * @param revenueWon         Σ amountBase of opportunities won in the period
 * @param newLeads           leads created in the period
 * @param leadsConverted     leads converted in the period
 * @param leadsClosed        leads converted or disqualified in the period
 * @param leadConversionRate leadsConverted / leadsClosed, 4 decimals HALF_UP; null when no lead closed
 * @param newOpportunities   opportunities created in the period
 * @param activities         activities completed in the period
 * @param newCustomers       customer accounts created in the period (the NEW_CUSTOMERS target's actual)
 * @param openPipeline       Σ amountBase of open opportunities now (the same in every period)
 * @param weightedPipeline   Σ amountBase × probability / 100 of open opportunities now
 * @param winRate90d         won / (won + lost) over the trailing 90 days, 4 decimals; null when none closed
 * @param avgDealSize90d     mean amountBase of deals won in the trailing 90 days, 2 decimals; null when none
 * @param salesCycleDays90d  mean days from creation to won over the same deals, 2 decimals; null when none
 * @param customersByTier    active accounts per tier now (A, B, C, D; a tier without accounts is 0)
 * @param targets            one entry per target metric (WON_AMOUNT, NEW_LEADS, ACTIVITIES, NEW_CUSTOMERS); target
 *                           null when the scope has none for the period (always for TODAY)
 * @param at                 when the figures were computed (stream wall-clock time)
 */
public record KpiChanged(
        String scopeType,
        String scopeId,
        String period,
        LocalDate periodStart,
        LocalDate asOf,
        BigDecimal revenueWon,
        long newLeads,
        long leadsConverted,
        long leadsClosed,
        BigDecimal leadConversionRate,
        long newOpportunities,
        long activities,
        long newCustomers,
        BigDecimal openPipeline,
        BigDecimal weightedPipeline,
        BigDecimal winRate90d,
        BigDecimal avgDealSize90d,
        BigDecimal salesCycleDays90d,
        Map<String, Long> customersByTier,
        List<KpiTarget> targets,
        Instant at) {

    public static final String TODAY = "TODAY";
    public static final String MTD = "MTD";
    public static final String QTD = "QTD";
    public static final String YTD = "YTD";
    public static final List<String> PERIODS = List.of(TODAY, MTD, QTD, YTD);

    public KpiChanged {
        customersByTier = customersByTier == null ? Map.of() : Map.copyOf(customersByTier);
        targets = targets == null ? List.of() : List.copyOf(targets);
    }

    /** The Kafka key of a scope's KPIs for a period. */
    public static String key(String scopeType, String scopeId, String period) {
        return scopeType + ":" + scopeId + ":" + period;
    }

    public String key() {
        return key(scopeType, scopeId, period);
    }

    /**
     * A target of the scope for the period and its attainment (METRICS.md §Targets).
     *
     * @param metric     WON_AMOUNT, NEW_LEADS, ACTIVITIES or NEW_CUSTOMERS
     * @param target     Σ of the live targets of the scope, period and metric; null when there is none
     * @param actual     the KPI the metric names, for the period
     * @param attainment actual / target, 4 decimals HALF_UP; null without a target or when it is 0
     */
    public record KpiTarget(String metric, BigDecimal target, BigDecimal actual, BigDecimal attainment) {
    }
}
