package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One forecast cell (METRICS.md §Forecast) after a change: a scope's figures for one calendar month in
 * the company time zone. Published on {@code pulse.agg.forecast.v1}, key = {@link #key()}. Plain JSON.
 *
 * @param scopeType {@code COMPANY}, {@code TEAM} or {@code OWNER}
 * @param scopeId   {@code company} for the company scope, else the team's or the owner's id
 * @param month     {@code YYYY-MM}
 * @param closedWon Σ amountBase of deals won with closedAt in the month
 * @param pipeline  Σ amountBase of open deals (category ≠ OMITTED) expected to close in the month
 * @param weighted  Σ amountBase × probability / 100 over the same deals
 * @param commit    closedWon + Σ amountBase of open COMMIT deals closing in the month
 * @param bestCase  commit + Σ amountBase of open BEST_CASE deals closing in the month
 * @param projected closedWon + weighted
 * @param at        when the cell changed (stream time of the change that moved it)
 * @param target      the scope's WON_AMOUNT target for the month, null when it has none (company: Σ of the top-level teams')
 * @param attainment  closedWon / target, 4 decimals HALF_UP; null without a target or when the target is 0
 * @param gap         max(target − closedWon, 0); null without a target
 * @param coverage    pipeline / gap, 4 decimals HALF_UP; null without a target or when the gap is 0
 * @param overdueCount open deals whose expected close date lies before this month and that count in it; non-zero only
 *                    for the current month (0 for other months)
 */
public record ForecastChanged(
        String scopeType,
        String scopeId,
        String month,
        BigDecimal closedWon,
        BigDecimal pipeline,
        BigDecimal weighted,
        BigDecimal commit,
        BigDecimal bestCase,
        BigDecimal projected,
        Instant at,
        BigDecimal target,
        BigDecimal attainment,
        BigDecimal gap,
        BigDecimal coverage,
        long overdueCount) {

    public static final String COMPANY = "COMPANY";
    public static final String TEAM = "TEAM";
    public static final String OWNER = "OWNER";

    /** A cell without target figures and overdue deals (as published before targets existed). */
    public ForecastChanged(String scopeType, String scopeId, String month, BigDecimal closedWon, BigDecimal pipeline,
                           BigDecimal weighted, BigDecimal commit, BigDecimal bestCase, BigDecimal projected, Instant at) {
        this(scopeType, scopeId, month, closedWon, pipeline, weighted, commit, bestCase, projected, at, null, null, null, null, 0);
    }

    /** The Kafka key of a forecast cell. */
    public static String key(String scopeType, String scopeId, String month) {
        return scopeType + ":" + scopeId + ":" + month;
    }

    public String key() {
        return key(scopeType, scopeId, month);
    }
}
