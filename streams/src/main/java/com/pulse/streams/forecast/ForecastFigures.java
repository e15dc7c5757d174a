package com.pulse.streams.forecast;

import com.pulse.events.ForecastChanged;
import com.pulse.events.ForecastSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The published figures of one forecast cell (METRICS.md §Forecast) from its sums and target:
 * <ul>
 *   <li>attainment = closedWon / target; null without a target or when the target is 0;</li>
 *   <li>gap = max(target − closedWon, 0); null without a target;</li>
 *   <li>coverage = pipeline / gap; null without a target or when the gap is 0 (METRICS.md: absent);</li>
 *   <li>error (month ended) = (projected − closedWon) / closedWon; null when closedWon is 0.</li>
 * </ul>
 * Ratios are rounded HALF_UP to 4 decimals; money stays exact here (the sink rounds it to cents).
 */
public final class ForecastFigures {

    public static final int RATIO_SCALE = 4;

    private ForecastFigures() {
    }

    public static ForecastChanged of(String scopeType, String scopeId, String month, ForecastCell sums, long overdueCount,
                                     BigDecimal target, Instant at) {
        BigDecimal attainment = target == null || target.signum() == 0 ? null : ratio(sums.closedWon(), target);
        BigDecimal gap = target == null ? null : target.subtract(sums.closedWon()).max(BigDecimal.ZERO);
        BigDecimal coverage = gap == null || gap.signum() == 0 ? null : ratio(sums.pipeline(), gap);
        return new ForecastChanged(scopeType, scopeId, month, sums.closedWon(), sums.pipeline(), sums.weighted(), sums.commit(),
                sums.bestCase(), sums.projected(), at, target, attainment, gap, coverage, overdueCount);
    }

    /** A frozen forecast once its month ended: the actual closedWon and the error. */
    public static ForecastSnapshot ended(ForecastSnapshot frozen, BigDecimal actualClosedWon, Instant at) {
        BigDecimal error = actualClosedWon.signum() == 0 ? null : ratio(frozen.projected().subtract(actualClosedWon), actualClosedWon);
        return new ForecastSnapshot(frozen.scopeType(), frozen.scopeId(), frozen.month(), frozen.frozenAt(), frozen.closedWon(),
                frozen.pipeline(), frozen.weighted(), frozen.commit(), frozen.bestCase(), frozen.projected(), frozen.target(),
                actualClosedWon, error, at);
    }

    public static ForecastSnapshot frozen(ForecastChanged cell, Instant at) {
        return new ForecastSnapshot(cell.scopeType(), cell.scopeId(), cell.month(), at, cell.closedWon(), cell.pipeline(), cell.weighted(),
                cell.commit(), cell.bestCase(), cell.projected(), cell.target(), null, null, null);
    }

    static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return numerator.divide(denominator, RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
