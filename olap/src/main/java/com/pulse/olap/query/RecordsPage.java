package com.pulse.olap.query;

import java.util.List;
import java.util.Map;

/**
 * One page of a drill-through: the cell asked for, the records in key order (each with its {@code href} in the
 * api), and {@code nextCursor} to pass for the next page, {@code null} on the last one.
 */
public record RecordsPage(String cube, Map<String, String> cell, int pageSize, List<Map<String, Object>> records,
                          String nextCursor) {
}
