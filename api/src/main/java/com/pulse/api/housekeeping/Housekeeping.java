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
 * transaction under a transaction-scoped advisory lock, so several API instances never work
 * on the same rows and no statement holds locks for long.
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

    /** Repeats one batch statement until a batch comes back short; 0 when another instance holds the lock. */
    private Mono<Long> drain(String delete, Instant before) {
        Mono<Long> batch = tx.transactional(db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked").bind("key", LOCK_KEY)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class))).one()
                .flatMap(locked -> !locked ? Mono.just(-1L)
                        : db.sql(delete).bind("before", before.atOffset(ZoneOffset.UTC)).bind("limit", properties.batchSize())
                                .fetch().rowsUpdated()));
        return batch.expand(n -> n >= properties.batchSize() ? batch : Mono.empty())
                .filter(n -> n > 0)
                .reduce(0L, Long::sum);
    }

    Duration interval() {
        return properties.interval();
    }
}
