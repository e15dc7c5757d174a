package com.pulse.api.outbox;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.Topic;
import com.pulse.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Publishes one batch of unsent outbox rows, in id order, and marks them sent once the
 * broker acknowledged every record (acks=all). Runs in a transaction that first takes a
 * transaction-scoped advisory lock, so with several API instances exactly one publishes
 * at a time and the id order is kept; the others find the lock taken and do nothing.
 *
 * <p>If any send fails, the transaction rolls back and no row is marked: the batch is sent
 * again later. Delivery is therefore at least once; consumers drop versions they have seen.
 */
class OutboxPublisher {

    /** Arbitrary, fixed: the advisory lock that elects the publishing relay ("pulse" in ASCII). */
    static final long LOCK_KEY = 0x70756C7365L;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String topicPrefix;
    private final int batchSize;
    private final Timer lag;

    OutboxPublisher(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
                    String topicPrefix, int batchSize, MeterRegistry meters) {
        this.db = db;
        this.tx = tx;
        this.kafka = kafka;
        this.topicPrefix = topicPrefix;
        this.batchSize = batchSize;
        this.lag = Timer.builder("pulse.outbox.lag")
                .description("Time from the outbox insert to the broker's acknowledgement")
                .publishPercentiles(0.5, 0.99)
                .register(meters != null ? meters : new SimpleMeterRegistry());
    }

    Timer lag() {
        return lag;
    }

    int batchSize() {
        return batchSize;
    }

    /** @return how many rows were published (0 when nothing waits or another relay holds the lock) */
    Mono<Integer> publishBatch() {
        Mono<Integer> work = db.sql("SELECT pg_try_advisory_xact_lock(:key) AS locked")
                .bind("key", LOCK_KEY)
                .map(row -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
                .one()
                .flatMap(locked -> locked ? unsent().flatMap(this::publish) : Mono.just(0));
        return tx.transactional(work);
    }

    private Mono<List<OutboxRow>> unsent() {
        return db.sql("""
                        SELECT id, event_id, aggregate_id, topic, event_type, payload, created_at
                        FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit""")
                .bind("limit", batchSize)
                .map(row -> new OutboxRow(
                        row.get("id", Long.class),
                        row.get("event_id", UUID.class),
                        row.get("aggregate_id", UUID.class),
                        row.get("topic", String.class),
                        row.get("event_type", String.class),
                        bytes(row.get("payload", java.nio.ByteBuffer.class)),
                        row.get("created_at", OffsetDateTime.class).toInstant()))
                .all()
                .collectList();
    }

    private Mono<Integer> publish(List<OutboxRow> rows) {
        if (rows.isEmpty()) {
            return Mono.just(0);
        }
        // send() can block while it waits for metadata (max.block.ms), so it runs off the event loop.
        // All records are handed to the producer first, in order, then acknowledged together:
        // the idempotent producer keeps their order per partition.
        return Mono.fromCallable(() -> rows.stream().map(this::send).toList())
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sends -> Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))))
                .then(Mono.defer(() -> {
                    Instant acked = Instant.now();
                    rows.forEach(r -> lag.record(Duration.between(r.createdAt(), acked)));
                    return markPublished(rows);
                }))
                .thenReturn(rows.size());
    }

    private CompletableFuture<SendResult<String, byte[]>> send(OutboxRow row) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic(row.topic()).qualified(topicPrefix), null,
                row.aggregateId().toString(), row.payload());
        record.headers()
                .add(new RecordHeader(CloudEventCodec.HEADER_TYPE, row.eventType().getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader(CloudEventCodec.HEADER_ID, row.eventId().toString().getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
        return kafka.send(record);
    }

    /** Rows name the registry topic; the prefix belongs to the deployment, so it is applied only here. */
    private static Topic<?, ?> topic(String name) {
        return Topics.ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("outbox row for unregistered topic " + name));
    }

    private Mono<Void> markPublished(List<OutboxRow> rows) {
        return db.sql("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)")
                .bind("ids", rows.stream().map(OutboxRow::id).toArray(Long[]::new))
                .then();
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    record OutboxRow(long id, UUID eventId, UUID aggregateId, String topic, String eventType, byte[] payload, Instant createdAt) {
    }
}
