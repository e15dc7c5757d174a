package com.pulse.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code deliveries} table. Times come from the application's clock, not the database's, so a test
 * drives retries by moving one clock.
 */
@Repository
class DeliveryRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> VARIABLES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;

    DeliveryRepository(JdbcClient jdbc, NamedParameterJdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private static final String INSERT = """
            INSERT INTO deliveries (id, rule, subject, period, channel, recipient_user_id, address, locale,
                template, variables, status, attempts, next_attempt_at, fired_at, source_topic,
                source_partition, source_offset, source_query, created_at, unless_read)
            VALUES (:id, :rule, :subject, :period, :channel, :user, :address, :locale, :template,
                CAST(:variables AS jsonb), 'PENDING', 0, :due, :firedAt, :topic, :partition, :offset,
                :query, :now, :unlessRead)
            ON CONFLICT (rule, subject, period, channel) DO NOTHING""";

    /** Writes the row unless its key exists; empty when it did (nothing written). */
    Optional<Delivery> insertOnce(UUID id, DeliveryRequest r, String locale, Instant now) {
        return jdbc.sql(INSERT + " RETURNING *").params(values(id, r, locale, now))
                .query(DeliveryRepository::delivery)
                .optional();
    }

    /** Writes many rows in JDBC batches, each unless its key exists; how many were written. */
    int insertAll(List<DeliveryRequest> requests, List<String> locales, Instant now) {
        MapSqlParameterSource[] rows = new MapSqlParameterSource[requests.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new MapSqlParameterSource(values(UUID.randomUUID(), requests.get(i), locales.get(i), now));
        }
        int written = 0;
        for (int n : batch.batchUpdate(INSERT, rows)) {
            // the driver may answer SUCCESS_NO_INFO (-2) for a batched row: counted as written
            written += n == java.sql.Statement.SUCCESS_NO_INFO ? 1 : n;
        }
        return written;
    }

    private static Map<String, Object> values(UUID id, DeliveryRequest r, String locale, Instant now) {
        Provenance p = r.provenance();
        Map<String, Object> v = new java.util.HashMap<>();
        v.put("id", id);
        v.put("rule", r.rule());
        v.put("subject", r.subject());
        v.put("period", r.period());
        v.put("channel", r.channel().name());
        v.put("user", r.recipientUserId());
        v.put("address", r.channel() == Channel.IN_APP ? null : r.address());
        v.put("locale", locale);
        v.put("template", r.template());
        v.put("variables", JSON.writeValueAsString(r.variables()));
        v.put("now", Timestamp.from(now));
        v.put("due", Timestamp.from(r.notBefore() != null && r.notBefore().isAfter(now) ? r.notBefore() : now));
        v.put("unlessRead", r.unlessRead());
        v.put("firedAt", p.firedAt() == null ? null : Timestamp.from(p.firedAt()));
        v.put("topic", p.sourceTopic());
        v.put("partition", p.sourcePartition());
        v.put("offset", p.sourceOffset());
        v.put("query", p.sourceQuery());
        return v;
    }

    Optional<Delivery> byKey(String rule, String subject, String period, Channel channel) {
        return jdbc.sql("SELECT * FROM deliveries WHERE rule = :rule AND subject = :subject AND period = :period "
                        + "AND channel = :channel")
                .param("rule", rule).param("subject", subject).param("period", period).param("channel", channel.name())
                .query(DeliveryRepository::delivery).optional();
    }

    Optional<Delivery> byId(UUID id) {
        return jdbc.sql("SELECT * FROM deliveries WHERE id = :id").param("id", id)
                .query(DeliveryRepository::delivery).optional();
    }

    /**
     * Claims up to {@code limit} due rows for one dispatcher: they become SENDING with this claim id and
     * a lease, and count one more attempt. {@code SKIP LOCKED} lets dispatchers of several instances claim
     * at once without waiting for each other or claiming the same row; the claim commits before anything
     * is sent, so a row is SENDING for everyone else while it is in flight.
     */
    List<Delivery> claim(UUID claimId, Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                        UPDATE deliveries d SET status = 'SENDING', attempts = d.attempts + 1, claim_id = :claim,
                            lease_until = :lease
                        WHERE d.id IN (SELECT id FROM deliveries
                                       WHERE status IN ('PENDING', 'RETRYING') AND next_attempt_at <= :now
                                       ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                        RETURNING d.*""")
                .param("claim", claimId)
                .param("now", Timestamp.from(now))
                .param("lease", Timestamp.from(leaseUntil))
                .param("limit", limit)
                .query(DeliveryRepository::delivery)
                .list();
    }

    /**
     * SENDING rows whose lease ran out: their dispatcher stopped between claiming and recording them, so
     * whether the provider accepted them is unknown. They are tried again ({@code resend}) or given up.
     */
    int releaseExpired(Instant now, boolean resend, int maxAttempts) {
        return jdbc.sql("""
                        UPDATE deliveries SET
                            status = CASE WHEN :resend AND attempts < :max THEN 'RETRYING' ELSE 'FAILED' END,
                            last_error = 'outcome unknown: its dispatcher stopped while sending',
                            next_attempt_at = :now, claim_id = NULL, lease_until = NULL
                        WHERE status = 'SENDING' AND lease_until <= :now""")
                .param("resend", resend)
                .param("max", maxAttempts)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Records an accepted send; false when the claim was lost (lease expired and the row was released). */
    boolean sent(Delivery d, Instant now, SendOutcome.Sent sent) {
        return jdbc.sql("""
                        UPDATE deliveries SET status = 'SENT', sent_at = :now, provider_message_id = :provider,
                            segments = :segments, last_error = NULL, claim_id = NULL, lease_until = NULL
                        WHERE id = :id AND claim_id = :claim AND status = 'SENDING'""")
                .param("now", Timestamp.from(now))
                .param("provider", sent.providerMessageId())
                .param("segments", sent.segments())
                .param("id", d.id())
                .param("claim", d.claimId())
                .update() == 1;
    }

    /**
     * An escalation whose in-app alert has been read, whenever that was: CANCELLED instead of sent. False when the
     * alert is unread (or not stored yet: the in-app delivery itself is late), so it is to be sent, or the claim
     * was lost.
     */
    boolean cancelIfRead(Delivery d) {
        return jdbc.sql("""
                        UPDATE deliveries SET status = 'CANCELLED', sent_at = NULL, claim_id = NULL, lease_until = NULL,
                            last_error = 'not sent: the in-app alert was read at '
                                || (SELECT to_char(a.read_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
                                    FROM alerts a WHERE a.dedupe_key = 'delivery:' || CAST(:unless AS text))
                        WHERE id = :id AND claim_id = :claim AND status = 'SENDING'
                          AND EXISTS (SELECT 1 FROM alerts a WHERE a.dedupe_key = 'delivery:' || CAST(:unless AS text)
                                      AND a.read_at IS NOT NULL)""")
                .param("unless", d.unlessRead())
                .param("id", d.id())
                .param("claim", d.claimId())
                .update() == 1;
    }

    /** Records a failed attempt: RETRYING at {@code next}, or a final FAILED / FAILED_PERMANENT. */
    boolean failed(Delivery d, DeliveryStatus status, String error, Instant next) {
        return jdbc.sql("""
                        UPDATE deliveries SET status = :status, last_error = :error, next_attempt_at = :next,
                            claim_id = NULL, lease_until = NULL
                        WHERE id = :id AND claim_id = :claim AND status = 'SENDING'""")
                .param("status", status.name())
                .param("error", error)
                .param("next", Timestamp.from(next))
                .param("id", d.id())
                .param("claim", d.claimId())
                .update() == 1;
    }

    /** One page of the log newest first: one recipient's, or everyone's when {@code userId} is null. */
    List<Delivery> page(String userId, DeliveryStatus status, Channel channel, DeliveryCursor cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM deliveries WHERE true");
        if (userId != null) {
            sql.append(" AND recipient_user_id = :user");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (channel != null) {
            sql.append(" AND channel = :channel");
        }
        if (cursor != null) {
            sql.append(" AND (created_at, id) < (:createdAt, :id)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("limit", limit);
        if (userId != null) {
            statement = statement.param("user", userId);
        }
        if (status != null) {
            statement = statement.param("status", status.name());
        }
        if (channel != null) {
            statement = statement.param("channel", channel.name());
        }
        if (cursor != null) {
            statement = statement.param("createdAt", Timestamp.from(cursor.createdAt())).param("id", cursor.id());
        }
        return statement.query(DeliveryRepository::delivery).list();
    }

    private static Delivery delivery(ResultSet row, int n) throws SQLException {
        return new Delivery(row.getObject("id", UUID.class), row.getString("rule"), row.getString("subject"),
                row.getString("period"), Channel.valueOf(row.getString("channel")),
                row.getString("recipient_user_id"), row.getString("address"), row.getString("locale"),
                row.getString("template"), JSON.readValue(row.getString("variables"), VARIABLES),
                DeliveryStatus.valueOf(row.getString("status")), row.getInt("attempts"),
                instant(row, "next_attempt_at"), row.getObject("claim_id", UUID.class), row.getString("last_error"),
                row.getString("provider_message_id"), row.getObject("segments", Integer.class),
                new Provenance(instant(row, "fired_at"), row.getString("source_topic"),
                        row.getObject("source_partition", Integer.class), row.getObject("source_offset", Long.class),
                        row.getString("source_query")),
                instant(row, "created_at"), instant(row, "sent_at"), row.getObject("unless_read", UUID.class));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp t = row.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
