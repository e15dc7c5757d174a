package com.pulse.streams.rebuild;

import com.pulse.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a table holds, as a reader sees it ({@code FINAL}), without the bookkeeping version: the rows, rendered
 * and sorted so two contents compare regardless of order. A rebuild must end with the same contents.
 */
public final class TableContents {

    /**
     * Columns that say when a figure was computed, not what it is: the KPI task stamps its rows with the wall clock
     * of the punctuation that published them (the figures themselves are the same after a replay on the same day).
     */
    static final Set<String> COMPUTED_AT = Set.of("kpis.changed_at", "kpi_targets.changed_at");

    private TableContents() {
    }

    public static List<String> of(ClickHouseSql clickHouse, AggregateTables.Table table) {
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> c : clickHouse.query(
                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?", table.name())) {
            String name = (String) c.get("name");
            if (!name.equals(table.offsetVersion()) && !COMPUTED_AT.contains(table.name() + "." + name)) {
                columns.add(name);
            }
        }
        String select = "SELECT " + String.join(", ", columns.stream().map(c -> "`" + c + "`").toList())
                + " FROM " + table.name() + (table.collapses() ? " FINAL" : "");
        List<String> rows = new ArrayList<>();
        for (Map<String, Object> row : clickHouse.query(select)) {
            rows.add(row.toString());
        }
        Collections.sort(rows);
        return rows;
    }

    /** Order-independent fingerprint of {@link #of}, for a log line instead of the rows. */
    public static String fingerprint(ClickHouseSql clickHouse, AggregateTables.Table table) {
        List<String> rows = of(clickHouse, table);
        return rows.size() + " rows #" + Integer.toHexString(rows.hashCode());
    }
}
