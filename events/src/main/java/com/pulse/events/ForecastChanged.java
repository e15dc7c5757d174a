package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One forecast cell (METRICS.md §Forecast) after a change: a scope's figures for one calendar month in
 * the company time zone. Published on {@code pulse.agg.forecast.v1}, key = {@link #key()}. Plain JSON.
 *
 * @param scopeType {@code COMPANY} or {@code OWNER}
 * @param scopeId   {@code company} for the company scope, else the owner's user id
 * @param month     {@code YYYY-MM}
 * @param closedWon Σ amountBase of deals won with closedAt in the month
 * @param pipeline  Σ amountBase of open deals (category ≠ OMITTED) expected to close in the month
 * @param weighted  Σ amountBase × probability / 100 over the same deals
 * @param commit    closedWon + Σ amountBase of open COMMIT deals closing in the month
 * @param bestCase  commit + Σ amountBase of open BEST_CASE deals closing in the month
 * @param projected closedWon + weighted
 * @param at        when the cell changed (stream time of the change that moved it)
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
        Instant at) {

    public static final String COMPANY = "COMPANY";
    public static final String OWNER = "OWNER";

    /** The Kafka key of a forecast cell. */
    public static String key(String scopeType, String scopeId, String month) {
        return scopeType + ":" + scopeId + ":" + month;
    }

    public String key() {
        return key(scopeType, scopeId, month);
    }
}
