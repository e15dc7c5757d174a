package com.pulse.olap.query;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A drill-through as a caller asks for it: the facts of one cell of a pivot. {@code filters} are the pivot's (same
 * model), {@code cell} its coordinates — dimension name → member as the pivot answered it ({@code (none)} for a
 * missing value, {@code 2026-03} / {@code 2026-Q1} / {@code 2026} for periods); dimensions left out are totalled
 * over, so {@code {}} is the grand total. Each coordinate becomes the same {@code member SQL = ?} condition the
 * pivot grouped by, so the records are exactly the facts counted in the cell.
 */
public record RecordsQuery(String cube, List<Filter> filters, Map<String, String> cell, Integer pageSize, String cursor) {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int MAX_CURSOR_LENGTH = 100;

    public RecordsQuery {
        filters = filters == null ? List.of() : filters;
        cell = cell == null ? Map.of() : cell;
    }

    public Records validate(ZoneId zone) {
        return validate(zone, Clock.systemUTC());
    }

    /** "Today" of relative periods is the company's day at {@code clock}'s instant. */
    public Records validate(ZoneId zone, Clock clock) {
        DrillThrough drill = DrillThrough.of(cube).orElseThrow(() ->
                new InvalidQuery("cube", "unknown cube " + InvalidQuery.shown(cube) + " for records", DrillThrough.cubeNames()));
        Cube c = drill.cube();
        if (filters.size() > PivotQuery.MAX_FILTERS) {
            throw new InvalidQuery("filters", "at most " + PivotQuery.MAX_FILTERS + " filters", List.of());
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            conditions.add(PivotQuery.condition(c, "filters[" + i + "]", filters.get(i), zone, clock));
        }
        Map<String, String> coordinates = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : cell.entrySet()) {
            Dimension d = c.dimension(e.getKey()).orElseThrow(() -> new InvalidQuery("cell",
                    "unknown dimension " + InvalidQuery.shown(e.getKey()), List.copyOf(c.dimensions().keySet())));
            String member = PivotQuery.member("cell." + d.name(), e.getValue());
            conditions.add(new Condition(d.sql() + " = ?", List.of(member)));
            coordinates.put(d.name(), member);
        }
        return new Records(drill, conditions, coordinates, checkedPageSize(), after());
    }

    private int checkedPageSize() {
        if (pageSize == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidQuery("pageSize", "from 1 to " + MAX_PAGE_SIZE + ", not " + pageSize, List.of());
        }
        return pageSize;
    }

    private String after() {
        if (cursor == null) {
            return null;
        }
        String key = null;
        if (cursor.length() <= MAX_CURSOR_LENGTH) {
            try {
                key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                key = null;
            }
        }
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidQuery("cursor", "not a cursor this service answered: " + InvalidQuery.shown(cursor)
                    + " (pass nextCursor unchanged, or none for the first page)", List.of());
        }
        return key;
    }

    /** The cursor resuming after a record's key: opaque to callers, so its form can change. */
    static String cursorAfter(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
