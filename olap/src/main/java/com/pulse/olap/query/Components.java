package com.pulse.olap.query;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The figures every measure is computed from, for one group of facts, by {@link Component} name: counts as
 * {@code Long}, sums as exact {@code BigDecimal}; a figure not there is zero. Being sums and counts, the additive
 * components of a subtotal are the sums of its cells' components: the compiler groups at the finest level only and
 * the matrix rolls up in Java, the same on every ClickHouse version (no ROLLUP rows to tell apart). A distinct count
 * is not additive and is read for every subtotal instead.
 */
public final class Components {

    public static final Components ZERO = new Components(Map.of());

    private final Map<String, Object> values;

    public Components(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    /** The opportunities cube's components: facts, Σ amount_base, Σ amount_base × probability, won, lost. */
    public Components(long count, BigDecimal amount, BigDecimal weightedRaw, long won, long lost) {
        this(Map.of("count", count, "amount", amount, "weighted", weightedRaw, "won", won, "lost", lost));
    }

    public long count(String name) {
        Object v = values.get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public BigDecimal sum(String name) {
        Object v = values.get(name);
        return v == null ? BigDecimal.ZERO : (BigDecimal) v;
    }

    public long count() {
        return count("count");
    }

    public BigDecimal amount() {
        return sum("amount");
    }

    public BigDecimal weightedRaw() {
        return sum("weighted");
    }

    public long won() {
        return count("won");
    }

    public long lost() {
        return count("lost");
    }

    /** Figure by figure sums (counts and sums; what is in one only is taken as is). */
    public Components plus(Components other) {
        Map<String, Object> out = new HashMap<>(values);
        other.values.forEach((k, v) -> out.merge(k, v, (a, b) -> a instanceof BigDecimal x
                ? x.add((BigDecimal) b) : (Object) (((Number) a).longValue() + ((Number) b).longValue())));
        return new Components(out);
    }

    @Override
    public boolean equals(Object o) {
        // by value: a BigDecimal 1.50 equals 1.5 (the engines differ in scale)
        if (!(o instanceof Components c) || !c.values.keySet().equals(values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> e.getValue() instanceof BigDecimal x
                ? c.values.get(e.getKey()) instanceof BigDecimal y && x.compareTo(y) == 0
                : Objects.equals(e.getValue(), c.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    @Override
    public String toString() {
        return "Components" + values;
    }
}
