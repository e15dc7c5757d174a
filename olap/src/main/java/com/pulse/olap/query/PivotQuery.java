package com.pulse.olap.query;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pivot as a caller asks for it, by names only: the cube, the dimensions down the rows and across the columns,
 * the measures of each cell, filters and the sibling order. {@link #validate} checks every name against the
 * catalogue and every value against its field, and answers the first problem as {@link InvalidQuery} naming the
 * request field and the valid names.
 */
public record PivotQuery(String cube, List<String> rows, List<String> columns, List<String> measures,
                         List<Filter> filters, Sort sort, Top top, List<Top> topByLevel) {

    public static final int MAX_DIMENSIONS = 6;
    public static final int MAX_FILTERS = 50;
    public static final int MAX_IN_VALUES = 1_000;
    public static final int MAX_VALUE_LENGTH = 1_000;
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,16}(\\.\\d{1,2})?");
    private static final Pattern INTEGER = Pattern.compile("-?\\d{1,9}");

    public PivotQuery {
        rows = rows == null ? List.of() : rows;
        columns = columns == null ? List.of() : columns;
        measures = measures == null ? List.of() : measures;
        filters = filters == null ? List.of() : filters;
    }

    /** Without top-N limits. */
    public PivotQuery(String cube, List<String> rows, List<String> columns, List<String> measures,
                      List<Filter> filters, Sort sort) {
        this(cube, rows, columns, measures, filters, sort, null, null);
    }

    /** Dates of {@code between} filters are the company's days ({@code zone}); relative periods count from now. */
    public Pivot validate(ZoneId zone) {
        return validate(zone, Clock.systemUTC());
    }

    /** As {@link #validate(ZoneId)}, "today" of relative periods being the company's day at {@code clock}'s instant. */
    public Pivot validate(ZoneId zone, Clock clock) {
        Cube c = CubeCatalogue.cube(cube).orElseThrow(() ->
                new InvalidQuery("cube", "unknown cube " + InvalidQuery.shown(cube), CubeCatalogue.cubeNames()));
        List<Dimension> rowDims = dimensions(c, "rows", rows, zone);
        List<Dimension> columnDims = dimensions(c, "columns", columns, zone);
        checkDimensionsOnce(rowDims, columnDims);
        List<Measure> chosen = measures(c);
        List<Condition> conditions = new ArrayList<>();
        if (filters.size() > MAX_FILTERS) {
            throw new InvalidQuery("filters", "at most " + MAX_FILTERS + " filters", List.of());
        }
        for (int i = 0; i < filters.size(); i++) {
            conditions.add(condition(c, "filters[" + i + "]", filters.get(i), zone, clock));
        }
        return new Pivot(c, rowDims, columnDims, chosen, conditions, sort(chosen), top(chosen, rowDims.size()));
    }

    // `top` applies to every row level, `topByLevel` names one (or null) per level; not both.
    private List<TopN> top(List<Measure> chosen, int levels) {
        if (top != null && topByLevel != null) {
            throw new InvalidQuery("topByLevel", "give top (every row level) or topByLevel (one per level), not both", List.of());
        }
        if (top == null && topByLevel == null) {
            return List.of();
        }
        String field = top != null ? "top" : "topByLevel";
        if (levels == 0) {
            throw new InvalidQuery(field, "a top-N limit needs a dimension in the rows", List.of());
        }
        // (other) would sum the folded members' distinct counts, which is not their distinct count
        for (Measure m : chosen) {
            if (!m.additive()) {
                throw new InvalidQuery(field, "a top-N limit cannot fold members into (other) with the distinct count "
                        + m.name() + "; ask for it without top", List.of());
            }
        }
        List<TopN> out = new ArrayList<>();
        if (top != null) {
            TopN every = topN(chosen, "top", top);
            for (int i = 0; i < levels; i++) {
                out.add(every);
            }
            return out;
        }
        if (topByLevel.size() > levels) {
            throw new InvalidQuery("topByLevel", "at most one entry per row dimension (" + levels + ")", List.of());
        }
        for (int i = 0; i < levels; i++) {
            Top t = i < topByLevel.size() ? topByLevel.get(i) : null;
            out.add(t == null ? TopN.NONE : topN(chosen, "topByLevel[" + i + "]", t));
        }
        return out;
    }

    private static TopN topN(List<Measure> chosen, String at, Top top) {
        if (top.n() == null || top.n() < 1 || top.n() > Top.MAX_N) {
            throw new InvalidQuery(at + ".n", "a number of members from 1 to " + Top.MAX_N + ", not " + top.n(), List.of());
        }
        // a measure of the query: only those are computed for every member
        List<String> valid = chosen.stream().map(Measure::name).toList();
        Measure by = chosen.stream().filter(m -> m.name().equals(top.by())).findFirst().orElseThrow(() ->
                new InvalidQuery(at + ".by", "unknown measure " + InvalidQuery.shown(top.by()) + " (a measure of the query)", valid));
        return new TopN(top.n(), by);
    }

    private static List<Dimension> dimensions(Cube cube, String field, List<String> names, ZoneId zone) {
        List<Dimension> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            out.add(cube.dimension(name).orElseThrow(() -> new InvalidQuery(field + "[" + out.size() + "]",
                    "unknown dimension " + InvalidQuery.shown(name), List.copyOf(cube.dimensions().keySet()))).in(zone));
        }
        return out;
    }

    private static void checkDimensionsOnce(List<Dimension> rows, List<Dimension> columns) {
        if (rows.size() + columns.size() > MAX_DIMENSIONS) {
            throw new InvalidQuery("rows", "at most " + MAX_DIMENSIONS + " dimensions in rows and columns together", List.of());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            if (!seen.add(rows.get(i).name())) {
                throw new InvalidQuery("rows[" + i + "]", "dimension " + rows.get(i).name() + " is used twice", List.of());
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (!seen.add(columns.get(i).name())) {
                throw new InvalidQuery("columns[" + i + "]", "dimension " + columns.get(i).name() + " is used twice", List.of());
            }
        }
    }

    private List<Measure> measures(Cube cube) {
        List<String> valid = List.copyOf(cube.measures().keySet());
        if (measures.isEmpty()) {
            throw new InvalidQuery("measures", "name at least one measure", valid);
        }
        List<Measure> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < measures.size(); i++) {
            String name = measures.get(i);
            int at = i;
            Measure m = cube.measure(name).orElseThrow(() ->
                    new InvalidQuery("measures[" + at + "]", "unknown measure " + InvalidQuery.shown(name), valid));
            if (!seen.add(m.name())) {
                throw new InvalidQuery("measures[" + i + "]", "measure " + m.name() + " is named twice", valid);
            }
            out.add(m);
        }
        return out;
    }

    private Sort sort(List<Measure> chosen) {
        if (sort == null) {
            return Sort.DEFAULT;
        }
        List<String> by = new ArrayList<>();
        by.add(Sort.MEMBER);
        chosen.forEach(m -> by.add(m.name()));
        String key = sort.by() == null ? Sort.MEMBER : sort.by();
        if (!by.contains(key)) {
            throw new InvalidQuery("sort.by", "unknown sort key " + InvalidQuery.shown(key)
                    + " (a measure of the query, or member)", by);
        }
        String direction = sort.direction() == null ? "asc" : sort.direction();
        if (!Sort.DIRECTIONS.contains(direction)) {
            throw new InvalidQuery("sort.direction", "unknown direction " + InvalidQuery.shown(direction), Sort.DIRECTIONS);
        }
        return new Sort(key, direction);
    }

    static Condition condition(Cube cube, String at, Filter filter, ZoneId zone, Clock clock) {
        if (filter == null) {
            throw new InvalidQuery(at, "a filter is an object with field and op", List.of());
        }
        String field = filter.field();
        List<String> fields = new ArrayList<>(cube.dimensions().keySet());
        fields.addAll(cube.numberFields().keySet());
        fields.addAll(cube.dateFields().keySet());
        if (field == null || !fields.contains(field)) {
            throw new InvalidQuery(at + ".field", "unknown field " + InvalidQuery.shown(field), fields);
        }
        String op = filter.op();
        if (cube.dimensions().containsKey(field)) {
            Dimension d = cube.dimensions().get(field).in(zone);
            if ("eq".equals(op)) {
                return new Condition(d.sql() + " = ?", withDimension(d, member(at + ".value", filter.value())));
            }
            if ("in".equals(op)) {
                return new Condition(d.sql() + " IN ?", withDimension(d, members(at + ".values", filter.values())));
            }
            throw new InvalidQuery(at + ".op", "unknown op " + InvalidQuery.shown(op) + " for dimension " + field, List.of("eq", "in"));
        }
        if (cube.numberFields().containsKey(field)) {
            if (!"range".equals(op)) {
                throw new InvalidQuery(at + ".op", "unknown op " + InvalidQuery.shown(op) + " for " + field, List.of("range"));
            }
            return range(at, cube.numberFields().get(field), filter);
        }
        DateField date = cube.dateFields().get(field);
        if ("relative".equals(op)) {
            RelativePeriod.Days days = RelativePeriod.resolve(at + ".value", filter.value(), LocalDate.now(clock.withZone(zone)));
            return days(date, days.from(), days.to(), zone);
        }
        if (!"between".equals(op)) {
            throw new InvalidQuery(at + ".op", "unknown op " + InvalidQuery.shown(op) + " for " + field, Filter.DATE_OPS);
        }
        return between(at, date, filter, zone);
    }

    private static List<Object> withDimension(Dimension d, Object value) {
        List<Object> params = new ArrayList<>(d.params());
        params.add(value);
        return params;
    }

    static String member(String at, String value) {
        if (value == null) {
            throw new InvalidQuery(at, "a member is required (" + Dimension.NONE + " for a missing value)", List.of());
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidQuery(at, "longer than " + MAX_VALUE_LENGTH + " characters", List.of());
        }
        return value;
    }

    private static List<String> members(String at, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new InvalidQuery(at, "at least one member", List.of());
        }
        if (values.size() > MAX_IN_VALUES) {
            throw new InvalidQuery(at, "at most " + MAX_IN_VALUES + " members", List.of());
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(member(at + "[" + i + "]", values.get(i)));
        }
        return out;
    }

    private static Condition range(String at, NumberField field, Filter filter) {
        if (filter.from() == null && filter.to() == null) {
            throw new InvalidQuery(at, "a range needs from, to or both", List.of());
        }
        List<String> sql = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (filter.from() != null) {
            sql.add(field.column() + " >= ?");
            params.add(number(at + ".from", field, filter.from()));
        }
        if (filter.to() != null) {
            sql.add(field.column() + " < ?");
            params.add(number(at + ".to", field, filter.to()));
        }
        return new Condition(String.join(" AND ", sql), params);
    }

    // Decimal columns are compared with a Decimal (18.16 refuses Decimal vs Float64); integers as integers.
    private static Object number(String at, NumberField field, String text) {
        if (field.decimal()) {
            if (!NUMBER.matcher(text).matches()) {
                throw new InvalidQuery(at, "not a number with at most 2 decimals: " + InvalidQuery.shown(text), List.of());
            }
            return new BigDecimal(text);
        }
        if (!INTEGER.matcher(text).matches()) {
            throw new InvalidQuery(at, "not an integer: " + InvalidQuery.shown(text), List.of());
        }
        return Long.parseLong(text);
    }

    private static Condition between(String at, DateField field, Filter filter, ZoneId zone) {
        LocalDate from = day(at + ".from", filter.from());
        LocalDate to = day(at + ".to", filter.to());
        if (to.isBefore(from)) {
            throw new InvalidQuery(at + ".to", "before from", List.of());
        }
        return days(field, from, to, zone);
    }

    // The company days from `from` to `to`, both included.
    private static Condition days(DateField field, LocalDate from, LocalDate to, ZoneId zone) {
        if (field.instant()) {
            // the company's midnight starting `from` up to the one after `to`, as UTC instants
            return new Condition(field.column() + " >= toDateTime(?, 'UTC') AND " + field.column() + " < toDateTime(?, 'UTC')",
                    List.of(from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant()));
        }
        return new Condition(field.column() + " >= toDate(?) AND " + field.column() + " <= toDate(?)", List.of(from, to));
    }

    private static LocalDate day(String at, String text) {
        if (text == null || !DAY.matcher(text).matches()) {
            throw new InvalidQuery(at, "a day YYYY-MM-DD is required, not " + InvalidQuery.shown(text), List.of());
        }
        try {
            LocalDate day = LocalDate.parse(text);
            if (day.getYear() < 1971 || day.getYear() > 2105) {
                throw new InvalidQuery(at, "outside the years ClickHouse dates hold (1971–2105)", List.of());
            }
            return day;
        } catch (DateTimeParseException e) {
            throw new InvalidQuery(at, "not a calendar day: " + InvalidQuery.shown(text), List.of());
        }
    }
}
