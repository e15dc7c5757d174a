package com.pulse.notifier.builtin;

import com.pulse.notifier.scope.Scopes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names for what a rule read from olap's facts, which carry ids only: deals, teams and users by id from the api's
 * tables (read-only). A figure never comes from here, only the words next to it; an id without a name is left out
 * of the answer.
 */
@Component
class ApiNames {

    private final JdbcClient jdbc;

    ApiNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Deals by id, deleted ones too (a fact may be read before streams applies the deletion). */
    Map<String, String> deals(List<String> ids) {
        return names("SELECT CAST(id AS text) AS id, name FROM public.opportunities WHERE id = ANY(:ids)", ids);
    }

    /** Live teams by id: a deleted team has no name. */
    Map<String, String> teams(List<String> ids) {
        return names("SELECT CAST(id AS text) AS id, name FROM public.teams WHERE id = ANY(:ids) AND deleted_at IS NULL", ids);
    }

    Map<String, String> users(List<String> ids) {
        return names("SELECT CAST(id AS text) AS id, name FROM public.users WHERE id = ANY(:ids)", ids);
    }

    /** The live target of this scope, period and metric (the api keeps one), for its link. */
    Optional<String> target(String scopeType, String scopeId, String period, String metric) {
        return Scopes.uuid(scopeId).flatMap(scope -> jdbc.sql("""
                        SELECT CAST(id AS text) FROM public.targets WHERE scope_type = :type AND scope_id = :scope
                          AND period = :period AND metric = :metric AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1""")
                .param("type", scopeType).param("scope", scope).param("period", period)
                .param("metric", metric).query(String.class).optional());
    }

    private Map<String, String> names(String sql, List<String> ids) {
        UUID[] uuids = ids.stream().map(Scopes::uuid).flatMap(Optional::stream).toArray(UUID[]::new);
        if (uuids.length == 0) {
            return Map.of();
        }
        return jdbc.sql(sql).param("ids", uuids)
                .query((row, n) -> Map.entry(row.getString("id"), row.getString("name"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }
}
