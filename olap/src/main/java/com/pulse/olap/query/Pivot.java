package com.pulse.olap.query;

import java.util.List;

/** A {@link PivotQuery} checked against its cube: everything in it is a catalogue entry or a typed value. */
public record Pivot(Cube cube, List<Dimension> rows, List<Dimension> columns, List<Measure> measures,
                    List<Condition> filters, Sort sort) {

    public Pivot {
        rows = List.copyOf(rows);
        columns = List.copyOf(columns);
        measures = List.copyOf(measures);
        filters = List.copyOf(filters);
    }
}
