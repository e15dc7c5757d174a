package com.pulse.streams.groundtruth;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events exactly as the API's outbox relay does: key = aggregate id, value = the structured CloudEvent
 * ({@link CloudEventCodec}, source {@code /pulse/api}), {@code ce_type}, {@code ce_id} and {@code content-type}
 * headers, acks=all. Batched for speed; the records are the same.
 */
public final class OutboxLikePublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;

    public OutboxLikePublisher(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // One request in flight per broker. The tests publish right after creating the topic: a first batch answered
        // NOT_LEADER_OR_FOLLOWER (the broker not yet serving the new partition) while later batches were in flight
        // left the idempotent producer answered OUT_OF_ORDER_SEQUENCE_NUMBER for 120 s until the batches expired
        // (seen once in CI). With one in flight the retried batch is always the next sequence the broker expects.
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    public static ProducerRecord<String, byte[]> record(String topic, OpportunityChanged e) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, e.aggregateId().toString(), CloudEventCodec.encode(e, "/pulse/api"));
        record.headers().add(CloudEventCodec.HEADER_TYPE, e.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventCodec.HEADER_ID, e.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Sends all, in order, and waits until Kafka acknowledged every one. */
    public void publish(List<OpportunityChanged> events) {
        AtomicReference<Exception> failed = new AtomicReference<>();
        for (OpportunityChanged e : events) {
            producer.send(record(topic, e), (metadata, error) -> {
                if (error != null) {
                    failed.compareAndSet(null, error);
                }
            });
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("Kafka did not acknowledge every event", failed.get());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
