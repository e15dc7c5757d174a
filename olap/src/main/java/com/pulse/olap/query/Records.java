package com.pulse.olap.query;

import java.util.List;
import java.util.Map;

/**
 * A {@link RecordsQuery} checked against its cube: the filters and cell coordinates as bound conditions, the page
 * size, and the key the page starts after ({@code null}: the first page).
 */
public record Records(DrillThrough drill, List<Condition> conditions, Map<String, String> cell, int pageSize, String after) {

    public Records {
        conditions = List.copyOf(conditions);
        cell = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cell));
    }
}
