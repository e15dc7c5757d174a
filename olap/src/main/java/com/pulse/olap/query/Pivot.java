package com.pulse.olap.query;

import java.util.List;

/**
 * A {@link PivotQuery} checked against its cube: everything in it is a catalogue entry or a typed value. {@code top}
 * holds one {@link TopN} per row level, or is empty.
 */
public record Pivot(Cube cube, List<Dimension> rows, List<Dimension> columns, List<Measure> measures,
                    List<Condition> filters, Sort sort, List<TopN> top) {

    public Pivot {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        measures = List.copyOf(measures);
        filters = List.copyOf(filters);
        top = List.copyOf(top);
    }

    /** Without top-N limits. */
    public Pivot(Cube cube, List<Dimension> rows, List<Dimension> columns, List<Measure> measures,
                 List<Condition> filters, Sort sort) {
        this(cube, rows, columns, measures, filters, sort, List.of());
    }
}
