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
 * Active customer accounts with no activity completed in the last {@code days} days before the firing
 * (none at all counts as dormant), that the scope owns or is shared.
 */
@Component
class DormantCustomers implements BuiltInQuery {

    private final JdbcClient jdbc;

    DormantCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleType type() {
        return RuleType.DORMANT_CUSTOMERS;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        int days = ((Number) parameters.get("days")).intValue();
        String sql = """
                SELECT a.id, a.name,
                       (SELECT max(x.completed_at) FROM public.activities x
                        WHERE x.account_id = a.id AND x.deleted_at IS NULL AND x.completed_at <= :at) AS last_completed
                FROM public.accounts a
                WHERE a.deleted_at IS NULL AND a.status = 'ACTIVE' AND a.type = 'CUSTOMER'
                  AND NOT EXISTS (SELECT 1 FROM public.activities x
                                  WHERE x.account_id = a.id AND x.deleted_at IS NULL
                                    AND x.completed_at > :since AND x.completed_at <= :at)"""
                + ScopedSql.account(scope, "a.owner_id", "a.shared_with") + "\nORDER BY a.name, a.id";
        return ScopedSql.run(jdbc, sql, Map.of("at", Timestamp.from(at), "since", Timestamp.from(at.minus(Duration.ofDays(days)))),
                scope, (row, n) -> {
                    Timestamp last = row.getTimestamp("last_completed");
                    String id = row.getString("id");
                    return new Match("account:" + id, lines.dormant(row.getString("name"),
                            last == null ? null : last.toInstant().atZone(zone).toLocalDate()), "/api/v1/accounts/" + id);
                });
    }
}
