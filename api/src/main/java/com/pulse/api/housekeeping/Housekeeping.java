package com.pulse.api.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Deletes what only grows: outbox rows published longer ago than the retention, and expired
 * Idempotency-Keys. A row the relay has not published yet is never touched, however old, so
 * a long Kafka outage loses nothing. Each pass deletes in small batches, each its own
 * transaction under a transaction-scoped advisory lock, so several API instances take turns
 * instead of deleting the same rows, and no statement holds locks for long.
 */
class Housekeeping {

    private static final Logger log = LoggerFactory.getLogger(Housekeeping.class);
    /** Arbitrary, fixed: "pulsehk" in ASCII. */
    static final long LOCK_KEY = 0x70756C7365686BL;

    record Swept(long outboxRows, long idempotencyKeys) {
    }

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final HousekeepingProperties properties;

    Housekeeping(DatabaseClient db, TransactionalOperator tx, HousekeepingProperties properties) {
        this.db = db;
        this.tx = tx;
        this.properties = properties;
    }

    /** One full pass at {@code now}. */
    Mono<Swept> sweep(Instant now) {
        Instant outboxBefore = now.minus(properties.outboxRetention());
        Instant keysBefore = now.minus(properties.idempotencyRetention());
        return drain("""
                        DELETE FROM outbox WHERE id IN (
                            SELECT id FROM outbox WHERE published_at IS NOT NULL AND published_at < :before
                            ORDER BY id LIMIT :limit)""", outboxBefore)
                // One after the other: both take the same lock, and would otherwise turn each other away.
                .flatMap(outbox -> drain("""
                        DELETE FROM idempotency_keys WHERE (scope, key) IN (
                            SELECT scope, key FROM idempotency_keys WHERE created_at < :before LIMIT :limit)""", keysBefore)
                        .map(keys -> new Swept(outbox, keys)))
                .doOnNext(s -> {
                    if (s.outboxRows() + s.idempotencyKeys() > 0) {
                        log.info("Housekeeping removed {} published outbox row(s) older than {} and {} Idempotency-Key(s) older than {}",
                                s.outboxRows(), properties.outboxRetention(), s.idempotencyKeys(), properties.idempotencyRetention());
                    }
                });
    }

    /**
     * Repeats one batch statement until a batch comes back short. Each batch waits for the lock
     * rather than giving up on it: two instances that gave up on each other's batches could both
     * stop with rows left; waiting, they take turns and the pass always finishes the job.
     */
    private Mono<Long> drain(String delete, Instant before) {
        Mono<Long> batch = tx.transactional(db.sql("SELECT pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).then()
                .then(db.sql(delete).bind("before", before.atOffset(ZoneOffset.UTC)).bind("limit", properties.batchSize())
                        .fetch().rowsUpdated()));
        return batch.expand(n -> n >= properties.batchSize() ? batch : Mono.empty())
                .reduce(0L, Long::sum);
    }

    Duration interval() {
        return properties.interval();
    }
}
