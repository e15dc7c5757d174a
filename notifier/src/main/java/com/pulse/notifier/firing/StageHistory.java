package com.pulse.notifier.firing;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stage an opportunity had before one change, from the api's {@code public.opportunity_history} (read-only).
 *
 * <p>The api writes the change's {@code stage} row (old and new value) in the same transaction as the opportunity's
 * new version and the outbox row its record is published from, so the row is there whenever the record is read, and
 * it belongs to exactly that version: the answer is the same for a redelivered record, a duplicate, or a version
 * that arrives after a later one. A version without a stage row did not move the stage.
 */
@Component
class StageHistory {

    private final JdbcClient jdbc;

    StageHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The stage before version {@code version} moved the deal to {@code stageAfter}; empty when it did not move it. */
    Optional<String> before(UUID opportunityId, long version, String stageAfter) {
        return jdbc.sql("""
                        SELECT old_value FROM public.opportunity_history
                        WHERE opportunity_id = :id AND version = :version AND field = 'stage' AND new_value = :after
                          AND old_value IS NOT NULL
                        ORDER BY id LIMIT 1""")
                .param("id", opportunityId).param("version", version).param("after", stageAfter)
                .query(String.class).list().stream().findFirst();
    }
}
