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

    /**
     * The column that says when a figure was last computed, not what it is ({@code changed_at} of funnel, forecast and
     * KPI rows): the KPI task stamps the wall clock of the punctuation that published a row; a forecast or funnel cell
     * carries the time of the input that touched it last, and a replay takes the inputs of different topics (deals,
     * users, teams, targets) in timestamp order where the live service took them as they arrived, and stamps month
     * roll-overs with its own clock. The figures themselves are the same after a replay.
     */
    static final String COMPUTED_AT = "changed_at";

    private TableContents() {
    }

    public static List<String> of(ClickHouseSql clickHouse, AggregateTables.Table table) {
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> c : clickHouse.query(
                "SELECT name FROM system.columns WHERE database = currentDatabase() AND table = ?", table.name())) {
            String name = (String) c.get("name");
            if (!name.equals(table.offsetVersion()) && !name.equals(COMPUTED_AT)) {
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
