package com.pulse.streams.forecast;

import java.math.BigDecimal;

/** The running sums of one (scope, month) forecast cell; commit, bestCase and projected derive from them. */
record ForecastCell(BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted, BigDecimal commitOpen, BigDecimal bestCaseOpen) {

    static ForecastCell empty() {
        return new ForecastCell(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    ForecastCell plus(ForecastMember m) {
        return new ForecastCell(closedWon.add(m.closedWon()), pipeline.add(m.pipeline()), weighted.add(m.weighted()),
                commitOpen.add(m.commitOpen()), bestCaseOpen.add(m.bestCaseOpen()));
    }

    ForecastCell minus(ForecastMember m) {
        return new ForecastCell(closedWon.subtract(m.closedWon()), pipeline.subtract(m.pipeline()), weighted.subtract(m.weighted()),
                commitOpen.subtract(m.commitOpen()), bestCaseOpen.subtract(m.bestCaseOpen()));
    }

    /** closedWon + open COMMIT. */
    BigDecimal commit() {
        return closedWon.add(commitOpen);
    }

    /** commit + open BEST_CASE. */
    BigDecimal bestCase() {
        return commit().add(bestCaseOpen);
    }

    /** closedWon + weighted. */
    BigDecimal projected() {
        return closedWon.add(weighted);
    }
}
