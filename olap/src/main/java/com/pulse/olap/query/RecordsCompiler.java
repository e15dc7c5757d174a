package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns validated {@link Records} into one SELECT of the facts of a cell, one page at a time. The WHERE clause is
 * the pivot's ({@link Where}: cube, data scope, filters) plus the cell's member conditions. Records are ordered by
 * the drill's key and paged by keyset ({@code key > ?} with the last key of the previous page), which stays stable
 * while facts arrive and costs the same on the last page as on the first, unlike OFFSET. One more row than the page
 * is read, so whether another page exists is known without counting.
 */
public final class RecordsCompiler {

    private RecordsCompiler() {
    }

    public static CompiledQuery compile(Records records, DataScope scope, int maxExecutionSeconds) {
        DrillThrough drill = records.drill();
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        List<RecordColumn> columns = drill.columns();
        for (int i = 0; i < columns.size(); i++) {
            // aliases unlike any column: on 18.16 an alias named like a column shadows it in WHERE
            sql.append(i == 0 ? "" : ", ").append(columns.get(i).sql()).append(" AS r").append(i);
        }
        sql.append(", ").append(drill.key()).append(" AS r_key");
        sql.append("\nFROM ").append(drill.cube().from());
        List<Condition> conditions = new ArrayList<>(records.conditions());
        if (records.after() != null) {
            conditions.add(new Condition(drill.key() + " > ?", List.of(records.after())));
        }
        Where.append(sql, params, drill.cube(), scope, conditions);
        sql.append("\nORDER BY r_key\nLIMIT ?");
        params.add(records.pageSize() + 1);
        sql.append("\nSETTINGS max_execution_time = ?");
        params.add(maxExecutionSeconds);
        return new CompiledQuery(sql.toString(), params);
    }

    /** The page from the rows {@link #compile} read: at most the page size, and the cursor after it when more follow. */
    public static RecordsPage page(Records records, List<Map<String, Object>> rows) {
        DrillThrough drill = records.drill();
        List<Map<String, Object>> out = new ArrayList<>();
        String lastKey = null;
        for (Map<String, Object> row : rows.subList(0, Math.min(rows.size(), records.pageSize()))) {
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < drill.columns().size(); i++) {
                RecordColumn column = drill.columns().get(i);
                record.put(column.name(), column.value(row.get("r" + i)));
            }
            lastKey = String.valueOf(row.get("r_key"));
            record.put("href", drill.hrefPrefix() + lastKey);
            out.add(record);
        }
        String next = rows.size() > records.pageSize() ? RecordsQuery.cursorAfter(lastKey) : null;
        return new RecordsPage(drill.cube().name(), records.cell(), records.pageSize(), out, next);
    }
}
