package com.pulse.notifier.firing;

import com.pulse.notifier.builtin.Evaluation;
import com.pulse.notifier.schedule.Firing;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Provenance: {@code rule_firings} (each evaluation, its query and bound values) and {@code rule_alerts}. */
@Repository
class FiringLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How a try that could not read its facts starts its {@code query}. */
    static final String UNAVAILABLE = "-- facts unavailable, tried again later: ";

    private final JdbcClient jdbc;

    FiringLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    UUID deferred(Firing firing, Instant firedAt, Instant to) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO rule_firings (id, rule_id, recipient, period, fired_at, deferred_to)
                        VALUES (:id, :rule, :recipient, :period, :fired, :to)""")
                .param("id", id).param("rule", firing.ruleId()).param("recipient", firing.recipient())
                .param("period", Timestamp.from(firing.period())).param("fired", Timestamp.from(firedAt))
                .param("to", Timestamp.from(to)).update();
        return id;
    }

    /**
     * A try of the firing that could not read its facts: logged with the retry's time in {@code deferred_to} and the
     * reason in {@code query} (starting {@link #UNAVAILABLE}), nothing found, nothing alerted.
     */
    UUID unavailable(Firing firing, Instant firedAt, Instant retryAt, String reason) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO rule_firings (id, rule_id, recipient, period, fired_at, deferred_to, query)
                        VALUES (:id, :rule, :recipient, :period, :fired, :to, :query)""")
                .param("id", id).param("rule", firing.ruleId()).param("recipient", firing.recipient())
                .param("period", Timestamp.from(firing.period())).param("fired", Timestamp.from(firedAt))
                .param("to", Timestamp.from(retryAt)).param("query", UNAVAILABLE + reason).update();
        return id;
    }

    /** How many tries of this firing could not read their facts so far. */
    int unavailableTries(Firing firing) {
        return jdbc.sql("""
                        SELECT count(*) FROM rule_firings WHERE rule_id = :rule AND recipient = :recipient AND period = :period
                          AND query LIKE :prefix""")
                .param("rule", firing.ruleId()).param("recipient", firing.recipient())
                .param("period", Timestamp.from(firing.period())).param("prefix", UNAVAILABLE + "%")
                .query(Integer.class).single();
    }

    UUID evaluated(Firing firing, Instant firedAt, Evaluation evaluation) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO rule_firings (id, rule_id, recipient, period, fired_at, query, parameters, matches)
                        VALUES (:id, :rule, :recipient, :period, :fired, :query, CAST(:parameters AS jsonb), :matches)""")
                .param("id", id).param("rule", firing.ruleId()).param("recipient", firing.recipient())
                .param("period", Timestamp.from(firing.period())).param("fired", Timestamp.from(firedAt))
                .param("query", evaluation.sql()).param("parameters", JSON.writeValueAsString(evaluation.bound()))
                .param("matches", evaluation.matches().size()).update();
        return id;
    }

    /** Whether an alert of this dedupe key was made before (by any run of the same period). */
    boolean alertedBefore(String dedupeKey) {
        return jdbc.sql("SELECT count(*) FROM rule_alerts WHERE dedupe_key = :key").param("key", dedupeKey)
                .query(Long.class).single() > 0;
    }

    /** Ties the delivery (its id in the delivery log, kept in {@code alert_id}) to this firing. */
    void alerted(UUID firingId, String dedupeKey, UUID deliveryId, String subject) {
        int added = jdbc.sql("""
                        INSERT INTO rule_alerts (dedupe_key, firing_id, alert_id, subject) VALUES (:key, :firing, :alert, :subject)
                        ON CONFLICT (dedupe_key) DO NOTHING""")
                .param("key", dedupeKey).param("firing", firingId).param("alert", deliveryId).param("subject", subject).update();
        if (added == 1) {
            jdbc.sql("UPDATE rule_firings SET alerts = alerts + 1 WHERE id = :id").param("id", firingId).update();
        }
    }
}
