package com.pulse.dashboards.e2e;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Figures keyed "scope | cell | figure" (e.g. "TEAM North | 2026-12 | coverage"), values as text: numbers without
 * trailing zeros (so ClickHouse's {@code 0.5000} and Postgres' {@code 0.50} compare by value, while a cent still
 * counts), {@code absent} where METRICS.md leaves a figure undefined. Both sides of the comparison are built with it.
 */
final class Figures {

    static final String ABSENT = "absent";

    final Map<String, String> values = new TreeMap<>();

    void put(GroundTruthScope scope, String cell, String figure, Object value) {
        values.put(scope + " | " + cell + " | " + figure, normal(value));
    }

    int size() {
        return values.size();
    }

    private static String normal(Object value) {
        if (value == null) {
            return ABSENT;
        }
        String text = value.toString();
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            BigDecimal number = new BigDecimal(text);
            return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
        }
        return text;
    }

    /** "scope | cell | figure: expected X, ClickHouse Y" for every figure that differs (or is on one side only). */
    static List<String> differences(Figures expected, Figures actual) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.values.keySet());
        keys.addAll(actual.values.keySet());
        for (String key : keys) {
            String e = expected.values.get(key);
            String a = actual.values.get(key);
            if (!Objects.equals(e, a)) {
                out.add(key + ": expected " + (e == null ? "(no such figure)" : e) + ", ClickHouse "
                        + (a == null ? "(no such figure)" : a));
            }
        }
        return out;
    }
}
