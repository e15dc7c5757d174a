package com.pulse.streams.forecast;

import java.math.BigDecimal;

/**
 * The running sums of one (scope, month) forecast cell, in the month the deals belong to (closedAt or expected
 * close date); commit, bestCase and projected derive from them. {@code openCount} counts the open deals in it,
 * so deals whose month has passed can be counted as overdue in the current month.
 */
public record ForecastCell(BigDecimal closedWon, BigDecimal pipeline, BigDecimal weighted, BigDecimal commitOpen, BigDecimal bestCaseOpen,
                           long openCount) {

    public static ForecastCell empty() {
        return new ForecastCell(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    ForecastCell plus(ForecastMember m) {
        return plus(m.cell());
    }

    ForecastCell minus(ForecastMember m) {
        return minus(m.cell());
    }

    public ForecastCell plus(ForecastCell c) {
        return new ForecastCell(closedWon.add(c.closedWon), pipeline.add(c.pipeline), weighted.add(c.weighted),
                commitOpen.add(c.commitOpen), bestCaseOpen.add(c.bestCaseOpen), openCount + c.openCount);
    }

    public ForecastCell minus(ForecastCell c) {
        return new ForecastCell(closedWon.subtract(c.closedWon), pipeline.subtract(c.pipeline), weighted.subtract(c.weighted),
                commitOpen.subtract(c.commitOpen), bestCaseOpen.subtract(c.bestCaseOpen), openCount - c.openCount);
    }

    /** Only the open deals' part: what moves to the current month once the month has passed. */
    public ForecastCell openPart() {
        return new ForecastCell(BigDecimal.ZERO, pipeline, weighted, commitOpen, bestCaseOpen, openCount);
    }

    /** Only the won part: what a past month keeps. */
    public ForecastCell wonPart() {
        return new ForecastCell(closedWon, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
    }

    /** closedWon + open COMMIT. */
    public BigDecimal commit() {
        return closedWon.add(commitOpen);
    }

    /** commit + open BEST_CASE. */
    public BigDecimal bestCase() {
        return commit().add(bestCaseOpen);
    }

    /** closedWon + weighted. */
    public BigDecimal projected() {
        return closedWon.add(weighted);
    }
}
