package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open deals (not closed, not deleted) in the scope that entered their current stage more than {@code days}
 * days before the firing. The stage was entered at the last {@code stage} change in the api's
 * {@code opportunity_history} (its creation writes one too), or at the deal's creation when history has none.
 */
@Component
class StalledDeals implements BuiltInQuery {

    private final JdbcClient jdbc;

    StalledDeals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleType type() {
        return RuleType.STALLED_DEALS;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        int days = ((Number) parameters.get("days")).intValue();
        String sql = """
                SELECT o.id, o.name, o.stage, e.entered
                FROM public.opportunities o
                CROSS JOIN LATERAL (
                    SELECT coalesce((SELECT max(h.changed_at) FROM public.opportunity_history h
                                     WHERE h.opportunity_id = o.id AND h.field = 'stage' AND h.changed_at <= :at),
                                    o.created_at) AS entered) e
                WHERE o.deleted_at IS NULL AND o.closed_at IS NULL AND e.entered < :since"""
                + ScopedSql.owner(scope, "o.owner_id") + "\nORDER BY e.entered, o.id";
        return ScopedSql.run(jdbc, sql, Map.of("at", Timestamp.from(at), "since", Timestamp.from(at.minus(Duration.ofDays(days)))),
                scope, (row, n) -> {
                    String id = row.getString("id");
                    long stalled = Duration.between(row.getTimestamp("entered").toInstant(), at).toDays();
                    return new Match("opportunity:" + id + ":" + row.getString("stage"),
                            lines.stalled(row.getString("name"), row.getString("stage"), stalled), "/api/v1/opportunities/" + id);
                });
    }
}
