package com.pulse.olap.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.function.Function;

/**
 * A figure of a cell, computed from its {@link Components} as METRICS.md defines it. Money is 2 decimals HALF_UP,
 * ratios 4; a ratio or mean without anything to divide by is null.
 */
public record Measure(String name, Labels labels, Function<Components, Object> value, boolean additive) {

    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Measure(String name, Labels labels, Function<Components, Object> value) {
        this(name, labels, value, true);
    }

    public Object of(Components c) {
        return value.apply(c);
    }

    static Measure count() {
        return new Measure("count", new Labels("Count", "数量"), Components::count);
    }

    /** METRICS.md §Funnel: amount = Σ amountBase. */
    static Measure amountBase() {
        return new Measure("amountBase", new Labels("Amount", "金额"), c -> money(c.amount()));
    }

    /** METRICS.md §Funnel: weighted = Σ amountBase × probability / 100. */
    static Measure weighted() {
        return new Measure("weighted", new Labels("Weighted amount", "加权金额"),
                c -> money(c.weightedRaw().divide(HUNDRED)));
    }

    /** Mean amountBase of the cell's deals. */
    static Measure avgDealSize() {
        return new Measure("avgDealSize", new Labels("Average deal size", "平均交易额"),
                c -> c.count() == 0 ? null : c.amount().divide(BigDecimal.valueOf(c.count()), 2, RoundingMode.HALF_UP));
    }

    /** METRICS.md §Funnel: won / (won + lost) among the cell's closed deals. */
    static Measure winRate() {
        return new Measure("winRate", new Labels("Win rate", "赢单率"),
                c -> c.won() + c.lost() == 0 ? null
                        : BigDecimal.valueOf(c.won()).divide(BigDecimal.valueOf(c.won() + c.lost()), 4, RoundingMode.HALF_UP));
    }

    /** A count component as it is. */
    static Measure counted(String name, Labels labels, String component) {
        return new Measure(name, labels, c -> c.count(component));
    }

    /** A distinct count component: not additive, so every subtotal is counted by ClickHouse. */
    static Measure distinct(String name, Labels labels, String component) {
        return new Measure(name, labels, c -> c.count(component), false);
    }

    /** A sum component as money. */
    static Measure summed(String name, Labels labels, String component) {
        return new Measure(name, labels, c -> money(c.sum(component)));
    }

    /** numerator / (Σ denominators), 4 decimals; null when the denominator is 0. */
    static Measure ratio(String name, Labels labels, String numerator, String... denominators) {
        return new Measure(name, labels, c -> {
            long d = 0;
            for (String x : denominators) {
                d += c.count(x);
            }
            return d == 0 ? null : BigDecimal.valueOf(c.count(numerator)).divide(BigDecimal.valueOf(d), 4, RoundingMode.HALF_UP);
        });
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }
}
