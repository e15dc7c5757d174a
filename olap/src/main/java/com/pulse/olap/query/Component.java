package com.pulse.olap.query;

import java.util.List;

/**
 * One figure a cube's query selects for every group, from which its {@link Measure}s are computed: selected as
 * {@code c_<name>}. A {@link Kind#COUNT} or {@link Kind#SUM} is additive (a subtotal is the sum of its cells');
 * a {@link Kind#DISTINCT} count is not, so a pivot asking for a measure that uses one has every subtotal and total
 * counted by ClickHouse itself ({@link PivotCompiler}'s grouping levels).
 *
 * @param sql    an aggregate over the cube's columns, a catalogue constant; {@code params} fill its {@code ?}
 */
public record Component(String name, String sql, List<Object> params, Kind kind) {

    public enum Kind { COUNT, SUM, DISTINCT }

    public Component {
        params = List.copyOf(params);
    }

    static Component count(String name, String sql, Object... params) {
        return new Component(name, sql, List.of(params), Kind.COUNT);
    }

    /** Σ of a Decimal expression, read as exact text. */
    static Component sum(String name, String expression) {
        return new Component(name, "toString(sum(" + expression + "))", List.of(), Kind.SUM);
    }

    static Component distinct(String name, String expression) {
        return new Component(name, "uniqExact(" + expression + ")", List.of(), Kind.DISTINCT);
    }

    public boolean additive() {
        return kind != Kind.DISTINCT;
    }

    String alias() {
        return "c_" + name;
    }

    /** The value of this component in a result row. */
    Object read(Object value) {
        String text = String.valueOf(value);
        return kind == Kind.SUM ? new java.math.BigDecimal(text) : (Object) Long.parseLong(text);
    }
}
