package com.pulse.olap.query;

import java.util.List;

/**
 * The WHERE clause every statement over a cube starts with, in this order: the cube's own condition, the caller's
 * {@link DataScope}, then the caller's conditions each in parentheses, so no condition can widen the scope. Pivots
 * and drill-through share it, which is what makes a cell's records exactly the facts the cell counted.
 */
final class Where {

    private Where() {
    }

    static void append(StringBuilder sql, List<Object> params, Cube cube, DataScope scope, List<Condition> conditions) {
        sql.append("\nWHERE ").append(cube.always());
        // the cube says how a scope applies to its facts (ScopeSql); a condition of several terms is parenthesised there
        Condition scoped = cube.scope().of(scope);
        if (scoped != null) {
            sql.append("\n  AND ").append(scoped.sql());
            params.addAll(scoped.params());
        }
        for (Condition condition : conditions) {
            sql.append("\n  AND (").append(condition.sql()).append(')');
            params.addAll(condition.params());
        }
    }
}
