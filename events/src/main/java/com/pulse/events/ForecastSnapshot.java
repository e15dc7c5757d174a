package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A month's forecast frozen on the first day of the month (company time zone), and once the month has
 * ended its outcome (METRICS.md §Forecast, forecast accuracy). Published on
 * {@code pulse.agg.forecast-snapshots.v1}, key = {@link #key()}, twice per (scope, month): when frozen
 * ({@code actualClosedWon} and {@code error} null) and when the month ended. Plain JSON.
 *
 * @param frozenAt        when the freeze ran (wall clock)
 * @param closedWon       … {@code target}: the cell as it stood when frozen
 * @param actualClosedWon closedWon of the month when it ended; null until then
 * @param error           (projected − actualClosedWon) / actualClosedWon, 4 decimals HALF_UP; null until the month
 *                        ended, and when actualClosedWon is 0
 * @param endedAt         when the month's end was processed (wall clock); null until then
 */
public record ForecastSnapshot(
        String scopeType,
        String scopeId,
        String month,
        Instant frozenAt,
        BigDecimal closedWon,
        BigDecimal pipeline,
        BigDecimal weighted,
        BigDecimal commit,
        BigDecimal bestCase,
        BigDecimal projected,
        BigDecimal target,
        BigDecimal actualClosedWon,
        BigDecimal error,
        Instant endedAt) {

    public static String key(String scopeType, String scopeId, String month) {
        return scopeType + ":" + scopeId + ":" + month;
    }

    public String key() {
        return key(scopeType, scopeId, month);
    }
}
