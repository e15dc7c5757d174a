package com.pulse.olap.forecast;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;

/** One stored forecast cell as ClickHouse holds it (the latest version, read with FINAL). */
record ForecastCell(YearMonth month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                    BigDecimal commit, BigDecimal bestCase, BigDecimal projected, Instant changedAt) {
}
