package com.pulse.api.crud;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one topic from the start and keeps every event, so tests can wait for a given aggregate version. */
public final class EventTap implements AutoCloseable {

    public record Received<E>(ConsumerRecord<String, byte[]> record, E event) {

        public String header(String name) {
            return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Received<DomainEvent>> received = new ArrayList<>();

    public EventTap(String bootstrap, String group, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The API creates the topic after the consumer subscribed; notice it quickly.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** The event of {@code id} at {@code version}, waiting up to 30 s for it. */
    public <E extends DomainEvent> Received<E> await(UUID id, long version, Class<E> type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Received<DomainEvent> r : received) {
                if (r.event().aggregateId().equals(id) && r.event().aggregateVersion() == version) {
                    return new Received<>(r.record(), type.cast(r.event()));
                }
            }
            for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                received.add(new Received<>(r, CloudEventCodec.decode(r.value())));
            }
        }
        throw new AssertionError("no event for " + id + " v" + version + " within 30 s");
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
