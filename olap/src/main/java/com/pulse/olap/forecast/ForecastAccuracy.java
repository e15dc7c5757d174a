package com.pulse.olap.forecast;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The frozen months of a scope within a horizon, oldest first (METRICS.md §Forecast accuracy). Only
 * months that were frozen are listed: a month without a snapshot has no forecast to judge, so it is
 * left out rather than zero-filled. {@code error} = (projected − actualClosedWon) / actualClosedWon,
 * null while the month runs and when nothing was won; {@code actualClosedWon} null while it runs.
 */
record ForecastAccuracy(String scopeType, String scopeId, String from, String to, List<Month> months) {

    record Month(String month, Instant frozenAt, BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted,
                 BigDecimal commit, BigDecimal bestCase, BigDecimal projected, BigDecimal target,
                 BigDecimal actualClosedWon, BigDecimal error, Instant endedAt) {
    }

    static ForecastAccuracy assemble(ForecastScope scope, ForecastHorizon horizon, Collection<FrozenMonth> frozen) {
        List<Month> months = frozen.stream()
                .filter(f -> !f.month().isBefore(horizon.from()) && !f.month().isAfter(horizon.last()))
                .sorted(Comparator.comparing(FrozenMonth::month))
                .map(ForecastAccuracy::month)
                .toList();
        return new ForecastAccuracy(scope.type(), scope.id(), horizon.from().toString(), horizon.last().toString(), months);
    }

    private static Month month(FrozenMonth f) {
        return new Month(f.month().toString(), f.frozenAt(), money(f.closedWon()), money(f.pipeline()), money(f.weighted()),
                money(f.commit()), money(f.bestCase()), money(f.projected()), money(f.target()),
                money(f.actualClosedWon()), f.error() == null ? null : f.error().setScale(4, RoundingMode.HALF_UP),
                f.endedAt());
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }
}
