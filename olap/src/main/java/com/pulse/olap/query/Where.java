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
        switch (scope.kind()) {
            case TEAM -> {
                sql.append("\n  AND has(splitByChar('/', team_path), ?)");
                params.add(scope.id());
            }
            case OWNER -> {
                sql.append("\n  AND toString(owner_id) = ?");
                params.add(scope.id());
            }
            case ALL -> {
                // every fact of the cube
            }
        }
        for (Condition condition : conditions) {
            sql.append("\n  AND (").append(condition.sql()).append(')');
            params.addAll(condition.params());
        }
    }
}
