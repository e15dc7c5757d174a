package com.pulse.olap.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How a cube applies a {@link DataScope}: a condition for a team subtree and one for an owner, catalogue SQL whose
 * every {@code ?} is the scope's id. Most facts carry their owner and the owner's team path themselves; a cube whose
 * facts do not (targets) finds them through the team paths of the opportunities, as the scope checks do.
 *
 * <p>A TEAMS scope is the team condition once per team, then the owner condition, joined by OR in one pair of
 * parentheses: plain {@code has} per team rather than {@code hasAny} over an array parameter, so the condition is
 * the same one both engines (ClickHouse 18.16, chDB) already run for a single team.
 */
public record ScopeSql(String team, String owner) {

    /** Facts with {@code owner_id} and {@code team_path} (department first, ids joined by '/'). */
    static final ScopeSql OWNED = new ScopeSql("has(splitByChar('/', team_path), ?)", "toString(owner_id) = ?");

    Condition of(DataScope scope) {
        return switch (scope.kind()) {
            case ALL -> null;
            case TEAM -> filled(team, scope.id());
            case OWNER -> filled(owner, scope.id());
            case TEAMS -> {
                List<String> sql = new ArrayList<>();
                List<Object> params = new ArrayList<>();
                for (String id : scope.teams()) {
                    Condition one = filled(team, id);
                    sql.add(one.sql());
                    params.addAll(one.params());
                }
                Condition own = filled(owner, scope.id());
                sql.add(own.sql());
                params.addAll(own.params());
                yield new Condition("(" + String.join(" OR ", sql) + ")", params);
            }
        };
    }

    private static Condition filled(String sql, String id) {
        int marks = (int) sql.chars().filter(c -> c == '?').count();
        return new Condition(sql, new ArrayList<>(Collections.nCopies(marks, id)));
    }
}
