package com.pulse.olap.funnel;

import java.math.BigDecimal;
import java.time.Instant;

/** One stored funnel cell as ClickHouse holds it (the latest version, read with FINAL). */
record FunnelCell(String stage, long count, BigDecimal amount, BigDecimal weighted, Instant changedAt) {
}
