package com.pulse.olap.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Pivot} into one grouped SELECT at the finest level (every row and column dimension),
 * selecting the additive {@link Components} of each group; subtotals and totals are summed from those rows by
 * {@link PivotMatrix}. The same SQL runs on ClickHouse 18.16 and current releases: no ROLLUP (whose total rows
 * 18.16 fills with default values), no server-side parameters, aliases ({@code d0}, {@code c_count}) unlike any
 * column name (on 18.16 an alias named like a column shadows it in WHERE).
 *
 * <p>Identifiers come only from the catalogue; every value (scope ids, filter members, bounds, stage names, the
 * row limit and the time limit) is a bound {@code ?}. The WHERE clause is the cube's own condition, then the
 * caller's {@link DataScope}, then the caller's filters, so no filter can widen the scope.
 */
public final class PivotCompiler {

    static final String WON = "CLOSED_WON";
    static final String LOST = "CLOSED_LOST";

    private PivotCompiler() {
    }

    /**
     * @param maxGroups          at most this many groups are read; one more is asked for so that going over is seen
     * @param maxExecutionSeconds ClickHouse's {@code max_execution_time} for the statement
     */
    public static CompiledQuery compile(Pivot pivot, DataScope scope, long maxGroups, int maxExecutionSeconds) {
        List<Dimension> dimensions = dimensions(pivot);
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < dimensions.size(); i++) {
            sql.append(dimensions.get(i).sql()).append(" AS d").append(i).append(", ");
        }
        sql.append("count() AS c_count, toString(sum(amount_base)) AS c_amount, ")
                .append("toString(sum(amount_base * probability)) AS c_weighted, ")
                .append("countIf(stage = ?) AS c_won, countIf(stage = ?) AS c_lost");
        params.add(WON);
        params.add(LOST);
        sql.append("\nFROM ").append(pivot.cube().from());
        Where.append(sql, params, pivot.cube(), scope, pivot.filters());
        if (!dimensions.isEmpty()) {
            List<String> aliases = new ArrayList<>();
            for (int i = 0; i < dimensions.size(); i++) {
                aliases.add("d" + i);
            }
            sql.append("\nGROUP BY ").append(String.join(", ", aliases));
            sql.append("\nORDER BY ").append(String.join(", ", aliases));
            sql.append("\nLIMIT ?");
            params.add(maxGroups + 1);
        }
        sql.append("\nSETTINGS max_execution_time = ?");
        params.add(maxExecutionSeconds);
        return new CompiledQuery(sql.toString(), params);
    }

    /** The rows, then the columns: the order of {@code d0, d1, …} in the compiled SQL. */
    static List<Dimension> dimensions(Pivot pivot) {
        List<Dimension> all = new ArrayList<>(pivot.rows());
        all.addAll(pivot.columns());
        return all;
    }

    /** One result row of {@link #compile}: its members (rows' then columns') and components. */
    public static Group group(Pivot pivot, Map<String, Object> row) {
        int rows = pivot.rows().size();
        int all = rows + pivot.columns().size();
        List<String> rowMembers = new ArrayList<>(rows);
        List<String> columnMembers = new ArrayList<>(all - rows);
        for (int i = 0; i < all; i++) {
            String member = String.valueOf(row.get("d" + i));
            (i < rows ? rowMembers : columnMembers).add(member);
        }
        Components components = new Components(
                Long.parseLong(String.valueOf(row.get("c_count"))),
                new BigDecimal(String.valueOf(row.get("c_amount"))),
                new BigDecimal(String.valueOf(row.get("c_weighted"))),
                Long.parseLong(String.valueOf(row.get("c_won"))),
                Long.parseLong(String.valueOf(row.get("c_lost"))));
        return new Group(rowMembers, columnMembers, components);
    }

    /** The facts of one row member path × column member path. */
    public record Group(List<String> row, List<String> column, Components components) {
    }
}
