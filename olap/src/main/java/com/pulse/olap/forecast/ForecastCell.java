package com.pulse.olap.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/**
 * One stored forecast cell as ClickHouse holds it (the latest version, read with FINAL).
 * target, attainment, gap and coverage are null where METRICS.md leaves them absent (streams/DESIGN.md).
 */
record ForecastCell(YearMonth month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                    BigDecimal commit, BigDecimal bestCase, BigDecimal projected,
                    BigDecimal target, BigDecimal attainment, BigDecimal gap, BigDecimal coverage,
                    long overdueCount, Instant changedAt) {

    /** A cell without targets and overdue deals (the figures forecast_month had). */
    ForecastCell(YearMonth month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                 BigDecimal commit, BigDecimal bestCase, BigDecimal projected, Instant changedAt) {
        this(month, closedWon, pipeline, weighted, commit, bestCase, projected, null, null, null, null, 0, changedAt);
    }
}
