package com.pulse.olap.query;

import java.util.List;

/**
 * One filter of a pivot request, as sent: {@code eq} ({@code value}) and {@code in} ({@code values}) on a
 * dimension's members, {@code range} ({@code from} inclusive, {@code to} exclusive, either may be absent) on a
 * number field, {@code between} ({@code from}, {@code to}: {@code YYYY-MM-DD}, both days included) or {@code relative}
 * ({@code value}: a {@link RelativePeriod} such as {@code this_quarter}) on a date field.
 */
public record Filter(String field, String op, String value, List<String> values, String from, String to) {

    public static final List<String> OPS = List.of("eq", "in", "range", "between", "relative");
    /** The ops of a date field. */
    public static final List<String> DATE_OPS = List.of("between", "relative");

    public static Filter eq(String field, String value) {
        return new Filter(field, "eq", value, null, null, null);
    }

    public static Filter in(String field, List<String> values) {
        return new Filter(field, "in", null, values, null, null);
    }

    public static Filter range(String field, String from, String to) {
        return new Filter(field, "range", null, null, from, to);
    }

    public static Filter between(String field, String from, String to) {
        return new Filter(field, "between", null, null, from, to);
    }

    public static Filter relative(String field, String period) {
        return new Filter(field, "relative", period, null, null, null);
    }
}
