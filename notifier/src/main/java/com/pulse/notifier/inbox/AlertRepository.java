package com.pulse.notifier.inbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code alerts} table. Every read and write names the user, so nobody reaches another's alerts. */
@Repository
class AlertRepository {

    private static final String COLUMNS = "id, user_id, kind, title, body, link, created_at, read_at";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the alert unless one with the same dedupe key exists; empty when it did (nothing written). */
    Optional<Alert> insertOnce(Alert alert, String dedupeKey) {
        return jdbc.sql("INSERT INTO alerts (" + COLUMNS + ", dedupe_key) "
                        + "VALUES (:id, :user, :kind, :title, :body, :link, :created, NULL, :dedupe) "
                        + "ON CONFLICT (dedupe_key) DO NOTHING RETURNING " + COLUMNS)
                .param("id", alert.id())
                .param("user", alert.userId())
                .param("kind", alert.kind())
                .param("title", alert.title())
                .param("body", alert.body())
                .param("link", alert.link())
                .param("created", Timestamp.from(alert.createdAt()))
                .param("dedupe", dedupeKey)
                .query(AlertRepository::alert)
                .optional();
    }

    /** The user's alerts newest first, after {@code cursor} when given. */
    List<Alert> page(String userId, boolean unreadOnly, InboxCursor cursor, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM alerts WHERE user_id = :user"
                + (unreadOnly ? " AND read_at IS NULL" : "")
                + (cursor != null ? " AND (created_at, id) < (:createdAt, :id)" : "")
                + " ORDER BY created_at DESC, id DESC LIMIT :limit";
        JdbcClient.StatementSpec statement = jdbc.sql(sql).param("user", userId).param("limit", limit);
        if (cursor != null) {
            statement = statement.param("createdAt", Timestamp.from(cursor.createdAt())).param("id", cursor.id());
        }
        return statement.query(AlertRepository::alert).list();
    }

    long unread(String userId) {
        return jdbc.sql("SELECT count(*) FROM alerts WHERE user_id = :user AND read_at IS NULL")
                .param("user", userId).query(Long.class).single();
    }

    /** Marks the user's alert read (keeping the first read time) or unread; empty when the user has no such alert. */
    Optional<Alert> markRead(String userId, UUID id, boolean read, Instant now) {
        return jdbc.sql("UPDATE alerts SET read_at = " + (read ? "coalesce(read_at, :now)" : "NULL")
                        + " WHERE id = :id AND user_id = :user RETURNING " + COLUMNS)
                .param("now", Timestamp.from(now))
                .param("id", id)
                .param("user", userId)
                .query(AlertRepository::alert)
                .optional();
    }

    /**
     * Marks every unread alert of the user created at or before {@code through} read at {@code now}; an alert that
     * arrived after {@code through} (which the user has not seen yet) stays unread. Returns how many were marked.
     */
    int markAllRead(String userId, Instant through, Instant now) {
        return jdbc.sql("UPDATE alerts SET read_at = :now WHERE user_id = :user AND read_at IS NULL AND created_at <= :through")
                .param("now", Timestamp.from(now))
                .param("user", userId)
                .param("through", Timestamp.from(through))
                .update();
    }

    private static Alert alert(ResultSet row, int n) throws SQLException {
        Timestamp readAt = row.getTimestamp("read_at");
        return new Alert(row.getObject("id", UUID.class), row.getString("user_id"), row.getString("kind"),
                row.getString("title"), row.getString("body"), row.getString("link"),
                row.getTimestamp("created_at").toInstant(), readAt == null ? null : readAt.toInstant());
    }
}
