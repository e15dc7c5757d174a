package com.pulse.olap.query;

import java.util.List;
import java.util.Map;

/**
 * One page of a drill-through: the cell asked for, the records in key order (each with its {@code href} in the
 * api), and {@code nextCursor} to pass for the next page, {@code null} on the last one.
 *
 * @param labels   record field → value → display label for the page's owners, teams and coded fields (a name for an
 *                 id, a stage in the request's language); the records keep their values, which are keys
 * @param warnings what went wrong while labelling (never a reason to fail the page); empty when nothing did
 */
public record RecordsPage(String cube, Map<String, String> cell, int pageSize, List<Map<String, Object>> records,
                          String nextCursor, Map<String, Map<String, String>> labels, List<String> warnings) {

    /** A page not labelled yet: no labels, no warnings. */
    public RecordsPage(String cube, Map<String, String> cell, int pageSize, List<Map<String, Object>> records,
                       String nextCursor) {
        this(cube, cell, pageSize, records, nextCursor, Map.of(), List.of());
    }

    /** This page with {@code labels} and {@code warnings} about the labelling. */
    public RecordsPage labelled(Map<String, Map<String, String>> labels, List<String> warnings) {
        return new RecordsPage(cube, cell, pageSize, records, nextCursor, labels, List.copyOf(warnings));
    }
}
