package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Open activities (not completed) owned in the scope and open tasks (OPEN, IN_PROGRESS) assigned in it,
 * due within {@code hours} hours of the firing, and, with {@code overdue}, those already past due.
 */
@Component
class DueSoon implements BuiltInQuery {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final JdbcClient jdbc;

    DueSoon(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RuleType type() {
        return RuleType.DUE_SOON;
    }

    @Override
    public Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                          ZoneId zone, Lines lines) {
        int hours = ((Number) parameters.get("hours")).intValue();
        boolean overdue = Boolean.TRUE.equals(parameters.get("overdue"));
        String sql = "SELECT 'activity' AS kind, x.id, x.subject AS title, x.due_at AS due FROM public.activities x"
                + " WHERE x.deleted_at IS NULL AND x.completed_at IS NULL AND x.due_at <= :until"
                + (overdue ? "" : " AND x.due_at >= :at") + ScopedSql.owner(scope, "x.owner_id")
                + "\nUNION ALL\n"
                + "SELECT 'task' AS kind, t.id, t.title, t.due FROM public.tasks t"
                + " WHERE t.deleted_at IS NULL AND t.status IN ('OPEN', 'IN_PROGRESS') AND t.due <= :until"
                + (overdue ? "" : " AND t.due >= :at") + ScopedSql.owner(scope, "t.assignee_id")
                + "\nORDER BY due, id";
        return ScopedSql.run(jdbc, sql, Map.of("at", Timestamp.from(at), "until", Timestamp.from(at.plus(Duration.ofHours(hours)))),
                scope, (row, n) -> {
                    String kind = row.getString("kind");
                    Instant due = row.getTimestamp("due").toInstant();
                    String id = row.getString("id");
                    return new Match(kind + ":" + id, lines.due(row.getString("title"), WHEN.format(due.atZone(zone)), due.isBefore(at)),
                            "/api/v1/" + (kind.equals("task") ? "tasks/" : "activities/") + id);
                });
    }
}
