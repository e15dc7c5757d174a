package com.pulse.olap.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The forecast of a scope over a horizon (METRICS.md §Forecast) as the cockpit draws it: every month
 * of the horizon in order, zeros where no cell is stored, money rounded HALF_UP to cents, ratios to 4 decimals.
 * target, attainment, gap and coverage are null where METRICS.md leaves them absent (no target; a target of 0
 * for attainment; a gap of 0 for coverage), and in months without a stored cell.
 *
 * @param asOf the time of the latest change reflected in the figures; the read time when there is none
 */
record Forecast(String scopeType, String scopeId, Instant asOf, List<Month> months) {

    record Month(String month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                 BigDecimal commit, BigDecimal bestCase, BigDecimal projected,
                 BigDecimal target, BigDecimal attainment, BigDecimal gap, BigDecimal coverage, long overdueCount) {

        /** A month without target figures and overdue deals. */
        Month(String month, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
              BigDecimal commit, BigDecimal bestCase, BigDecimal projected) {
            this(month, closedWon, pipeline, weighted, commit, bestCase, projected, null, null, null, null, 0);
        }
    }

    static Forecast assemble(ForecastScope scope, ForecastHorizon horizon, Collection<ForecastCell> cells, Instant readAt) {
        // Cells outside the horizon are not drawn and do not move asOf.
        List<ForecastCell> inHorizon = cells.stream()
                .filter(c -> !c.month().isBefore(horizon.from()) && !c.month().isAfter(horizon.last()))
                .toList();
        Map<YearMonth, ForecastCell> byMonth = inHorizon.stream()
                .collect(Collectors.toMap(ForecastCell::month, Function.identity(), (a, b) -> a.changedAt().isAfter(b.changedAt()) ? a : b));
        List<Month> months = horizon.list().stream().map(m -> month(m, byMonth.get(m))).toList();
        Instant asOf = inHorizon.stream().map(ForecastCell::changedAt).max(Instant::compareTo).orElse(readAt);
        return new Forecast(scope.type(), scope.id(), asOf, months);
    }

    private static Month month(YearMonth month, ForecastCell cell) {
        if (cell == null) {
            BigDecimal zero = money(BigDecimal.ZERO);
            return new Month(month.toString(), zero, zero, zero, zero, zero, zero);
        }
        return new Month(month.toString(), money(cell.closedWon()), money(cell.pipeline()), money(cell.weighted()),
                money(cell.commit()), money(cell.bestCase()), money(cell.projected()),
                cell.target() == null ? null : money(cell.target()), ratio(cell.attainment()),
                cell.gap() == null ? null : money(cell.gap()), ratio(cell.coverage()), cell.overdueCount());
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }

    // 18.16 prints a Decimal(38, 4) with its trailing zeros, current releases do not: one scale for both.
    private static BigDecimal ratio(BigDecimal value) {
        return value == null ? null : value.setScale(4, RoundingMode.HALF_UP);
    }
}
