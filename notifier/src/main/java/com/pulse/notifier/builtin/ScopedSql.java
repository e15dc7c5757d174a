package com.pulse.notifier.builtin;

import com.pulse.notifier.scope.Scope;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Runs a built-in query with the scope's restriction, mirroring the api's DataScope: {@code {scope}} in the
 * SQL becomes {@code AND <owner column> = ANY(:scopeUsers)} (accounts: owned by or shared with), or nothing when
 * the scope sees everything. Every value is bound.
 */
final class ScopedSql {

    private ScopedSql() {
    }

    static String owner(Scope scope, String column) {
        return scope.all() ? "" : " AND " + column + " = ANY(:scopeUsers)";
    }

    static String account(Scope scope, String ownerColumn, String sharedColumn) {
        return scope.all() ? "" : " AND (" + ownerColumn + " = ANY(:scopeUsers) OR " + sharedColumn + " && :scopeUsers)";
    }

    static Evaluation run(JdbcClient jdbc, String sql, Map<String, Object> values, Scope scope, RowMapper<Match> rows) {
        Map<String, Object> bound = new LinkedHashMap<>(values);
        if (!scope.all()) {
            bound.put("scopeUsers", scope.usersArray());
        }
        Map<String, Object> shown = new LinkedHashMap<>(bound);
        shown.computeIfPresent("scopeUsers", (k, v) -> Arrays.stream((Object[]) v).map(String::valueOf).toList());
        shown.replaceAll((k, v) -> v instanceof List<?> || v instanceof Number || v instanceof Boolean ? v : String.valueOf(v));
        if (!scope.all() && scope.users().isEmpty()) {
            // a scope with nobody in it sees nothing; no need to ask the database
            return new Evaluation(sql, shown, List.of());
        }
        return new Evaluation(sql, shown, jdbc.sql(sql).params(bound).query(rows).list());
    }
}
