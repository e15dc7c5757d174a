package com.pulse.olap.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * A month's forecast as frozen on its first day, with the actual and the error once it ended
 * (METRICS.md §Forecast accuracy); target, actualClosedWon, error and endedAt may be null.
 */
record FrozenMonth(YearMonth month, Instant frozenAt, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                   BigDecimal commit, BigDecimal bestCase, BigDecimal projected, BigDecimal target,
                   BigDecimal actualClosedWon, BigDecimal error, Instant endedAt) {
}
