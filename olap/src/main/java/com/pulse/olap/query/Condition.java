package com.pulse.olap.query;

import java.util.List;

/** A WHERE condition: catalogue SQL with {@code ?} placeholders and the values bound to them, in order. */
public record Condition(String sql, List<Object> params) {

    public Condition {
        params = List.copyOf(params);
    }
}
