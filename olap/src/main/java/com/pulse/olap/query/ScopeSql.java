package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a cube applies a {@link DataScope}: a condition for a team subtree and one for an owner, catalogue SQL whose
 * every {@code ?} is the scope's id. Most facts carry their owner and the owner's team path themselves; a cube whose
 * facts do not (targets) finds them through the team paths of the opportunities, as the scope checks do.
 */
public record ScopeSql(String team, String owner) {

    /** Facts with {@code owner_id} and {@code team_path} (department first, ids joined by '/'). */
    static final ScopeSql OWNED = new ScopeSql("has(splitByChar('/', team_path), ?)", "toString(owner_id) = ?");

    Condition of(DataScope scope) {
        String sql = switch (scope.kind()) {
            case TEAM -> team;
            case OWNER -> owner;
            case ALL -> null;
        };
        if (sql == null) {
            return null;
        }
        int marks = (int) sql.chars().filter(c -> c == '?').count();
        return new Condition(sql, new ArrayList<>(Collections.nCopies(marks, scope.id())));
    }
}
