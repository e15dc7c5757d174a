package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Pivot} into one grouped SELECT at the finest level (every row and column dimension),
 * selecting the additive {@link Components} of each group; subtotals and totals are summed from those rows by
 * {@link PivotMatrix}. The same SQL runs on ClickHouse 18.16 and current releases: no ROLLUP (whose total rows
 * 18.16 fills with default values), no server-side parameters, aliases ({@code d0}, {@code c_count}) unlike any
 * column name (on 18.16 an alias named like a column shadows it in WHERE).
 *
 * <p>A pivot with a measure that is not additive (a distinct count) cannot be summed up: its SELECT is instead a
 * {@code UNION ALL} of one grouping per level — each prefix of the row dimensions × each prefix of the column
 * dimensions, tagged {@code lr}, {@code lc} (the number of row and column dimensions it groups by; the others are
 * {@code ''}) — so ClickHouse counts every subtotal and total itself (GROUPING SETS would say this, 18.16 lacks them).
 *
 * <p>Identifiers come only from the catalogue; every value (scope ids, filter members, bounds, stage names, the
 * company time zone, the row limit and the time limit) is a bound {@code ?}. The WHERE clause is the cube's own
 * condition, then the caller's {@link DataScope}, then the caller's filters, so no filter can widen the scope.
 */
public final class PivotCompiler {

    private PivotCompiler() {
    }

    /**
     * @param maxGroups          at most this many groups are read; one more is asked for so that going over is seen
     * @param maxExecutionSeconds ClickHouse's {@code max_execution_time} for the statement
     */
    public static CompiledQuery compile(Pivot pivot, DataScope scope, long maxGroups, int maxExecutionSeconds) {
        List<Dimension> dimensions = dimensions(pivot);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (!levelled(pivot)) {
            sql.append(select(pivot, scope, dimensions.size(), -1, -1, false, params));
            if (!dimensions.isEmpty()) {
                String aliases = aliases(dimensions.size());
                sql.append("\nORDER BY ").append(aliases);
                sql.append("\nLIMIT ?");
                params.add(maxGroups + 1);
            }
        } else {
            int rows = pivot.rows().size();
            int columns = pivot.columns().size();
            sql.append("SELECT * FROM (");
            String union = "";
            for (int lr = rows; lr >= 0; lr--) {
                for (int lc = columns; lc >= 0; lc--) {
                    sql.append(union).append('\n').append(select(pivot, scope, dimensions.size(), lr, lc, true, params));
                    union = "\nUNION ALL";
                }
            }
            sql.append("\n)\nORDER BY lr DESC, lc DESC");
            if (!dimensions.isEmpty()) {
                sql.append(", ").append(aliases(dimensions.size()));
            }
            sql.append("\nLIMIT ?");
            params.add(maxGroups + 1);
        }
        sql.append("\nSETTINGS max_execution_time = ?");
        params.add(maxExecutionSeconds);
        return new CompiledQuery(sql.toString(), params);
    }

    /** Whether a measure of the pivot needs its subtotals counted by ClickHouse (not additive). */
    static boolean levelled(Pivot pivot) {
        return pivot.measures().stream().anyMatch(m -> !m.additive());
    }

    // One grouped SELECT. lr/lc < 0: grouped by every dimension, no level columns; else by the first lr row and
    // the first lc column dimensions, the others selected as ''.
    private static String select(Pivot pivot, DataScope scope, int count, int lr, int lc, boolean levelled,
                                 List<Object> params) {
        int rows = pivot.rows().size();
        List<Dimension> dimensions = dimensions(pivot);
        List<String> grouped = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < count; i++) {
            boolean in = !levelled || (i < rows ? i < lr : i - rows < lc);
            if (in) {
                sql.append(dimensions.get(i).sql()).append(" AS d").append(i).append(", ");
                params.addAll(dimensions.get(i).params());
                grouped.add("d" + i);
            } else {
                sql.append("'' AS d").append(i).append(", ");
            }
        }
        if (levelled) {
            sql.append(lr).append(" AS lr, ").append(lc).append(" AS lc, ");
        }
        List<String> components = new ArrayList<>();
        for (Component c : pivot.cube().components()) {
            if (c.additive() || levelled) {
                components.add(c.sql() + " AS " + c.alias());
                params.addAll(c.params());
            }
        }
        sql.append(String.join(", ", components));
        sql.append("\nFROM ").append(pivot.cube().from());
        Where.append(sql, params, pivot.cube(), scope, pivot.filters());
        if (!grouped.isEmpty()) {
            sql.append("\nGROUP BY ").append(String.join(", ", grouped));
        }
        return sql.toString();
    }

    private static String aliases(int count) {
        List<String> aliases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            aliases.add("d" + i);
        }
        return String.join(", ", aliases);
    }

    /** The rows, then the columns: the order of {@code d0, d1, …} in the compiled SQL. */
    static List<Dimension> dimensions(Pivot pivot) {
        List<Dimension> all = new ArrayList<>(pivot.rows());
        all.addAll(pivot.columns());
        return all;
    }

    /** One result row of {@link #compile}: its members (rows' then columns', up to its level) and components. */
    public static Group group(Pivot pivot, Map<String, Object> row) {
        int rows = pivot.rows().size();
        int all = rows + pivot.columns().size();
        int lr = row.containsKey("lr") ? ((Number) row.get("lr")).intValue() : rows;
        int lc = row.containsKey("lc") ? ((Number) row.get("lc")).intValue() : all - rows;
        List<String> rowMembers = new ArrayList<>(lr);
        List<String> columnMembers = new ArrayList<>(lc);
        for (int i = 0; i < all; i++) {
            String member = String.valueOf(row.get("d" + i));
            if (i < rows && i < lr) {
                rowMembers.add(member);
            } else if (i >= rows && i - rows < lc) {
                columnMembers.add(member);
            }
        }
        Map<String, Object> values = new HashMap<>();
        for (Component c : pivot.cube().components()) {
            Object v = row.get(c.alias());
            if (v != null) {
                values.put(c.name(), c.read(v));
            }
        }
        return new Group(rowMembers, columnMembers, new Components(values), lr == rows && lc == all - rows);
    }

    /**
     * The facts of one row member path × column member path. {@code finest}: grouped by every dimension; otherwise
     * a subtotal or total counted by ClickHouse (levelled pivots), whose components are taken as they are.
     */
    public record Group(List<String> row, List<String> column, Components components, boolean finest) {

        public Group(List<String> row, List<String> column, Components components) {
            this(row, column, components, true);
        }
    }
}
