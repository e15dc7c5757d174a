package com.pulse.dashboards.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What an at-least-once relay and a replaying producer add to a topic: records the outbox relay already published, read
 * back from the topic and produced again unchanged (same key, value and CloudEvents headers) — each sampled aggregate's
 * versions shuffled, so older versions arrive after newer ones, and some records twice in a row.
 */
final class Redeliveries {

    final int read;
    final int injected;
    final int aggregates;

    private Redeliveries(int read, int injected, int aggregates) {
        this.read = read;
        this.injected = injected;
        this.aggregates = aggregates;
    }

    /** Re-produces the versions of every {@code everyNth} aggregate of {@code topic}, shuffled, with duplicates. */
    static Redeliveries inject(String bootstrap, String topic, int everyNth, long seed) {
        List<ConsumerRecord<byte[], byte[]>> published = readAll(bootstrap, topic);
        Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = published.stream()
                .collect(Collectors.groupingBy(r -> new String(r.key()), HashMap::new, Collectors.toList()));
        Random random = new Random(seed);
        List<ConsumerRecord<byte[], byte[]>> again = new ArrayList<>();
        int aggregates = 0;
        for (List<ConsumerRecord<byte[], byte[]>> versions : byKey.values()) {
            if (versions.size() < 2 || random.nextInt(everyNth) != 0) {
                continue;
            }
            aggregates++;
            List<ConsumerRecord<byte[], byte[]>> shuffled = new ArrayList<>(versions);
            Collections.shuffle(shuffled, random);
            for (ConsumerRecord<byte[], byte[]> r : shuffled) {
                again.add(r);
                if (random.nextInt(4) == 0) {
                    again.add(r);
                }
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all"))) {
            for (ConsumerRecord<byte[], byte[]> r : again) {
                producer.send(new ProducerRecord<>(topic, null, r.key(), r.value(), r.headers()));
            }
            producer.flush();
        }
        return new Redeliveries(published.size(), again.size(), aggregates);
    }

    /** Everything the topic holds now, from the first offset of each partition to its end. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end + " within 2 minutes");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
