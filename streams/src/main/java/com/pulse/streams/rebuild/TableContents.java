package com.pulse.streams.rebuild;

import com.pulse.clickhouse.ClickHouseSql;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a table holds, as a reader sees it ({@code FINAL}), without the bookkeeping version: the rows, rendered
 * and sorted so two contents compare regardless of order. A rebuild must end with the same contents.
 */
public final class TableContents {

    private TableContents() {
    }

    public static List<String> of(ClickHouseSql clickHouse, AggregateTables.Table table) {
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> c : clickHouse.query(
                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?", table.name())) {
            String name = (String) c.get("name");
            if (!name.equals(table.offsetVersion())) {
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
