package com.pulse.streams.bench;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.events.ForecastChanged;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Topics;
import com.pulse.streams.groundtruth.Deliveries;
import com.pulse.streams.groundtruth.OpportunityHistory;
import com.pulse.streams.groundtruth.OutboxLikePublisher;
import com.pulse.streams.rebuild.ProgressBar;
import com.pulse.streams.rebuild.RebuildTarget;
import com.pulse.streams.rebuild.ReplayPlan;
import com.pulse.streams.rebuild.ReplayProgress;
import com.pulse.streams.rebuild.SourceTopics;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./pulse bench streams}: a benchmark, not a test. Against a running streams service (its topic prefix and
 * ClickHouse database in the PULSE_* environment):
 * <ol>
 *   <li><b>throughput</b>: publishes a history of changes as the outbox relay would, as fast as Kafka takes them,
 *       and measures until the service has processed them all and the sink has written everything to ClickHouse;</li>
 *   <li><b>latency</b>: then, one change at a time (a new deal with an owner of its own, so it has a forecast cell of
 *       its own), the time from Kafka's acknowledgement to the cell on {@code pulse.agg.forecast.v1} (read_committed)
 *       and to the row in {@code forecast_month}.</li>
 * </ol>
 * Arguments: {@code --changes N} (100000), {@code --opportunities N} (changes / 5), {@code --probes N} (200).
 */
public final class StreamsBench {

    private StreamsBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("cleanup")) {
            cleanup(env("PULSE_KAFKA_BOOTSTRAP"), env("PULSE_KAFKA_TOPICPREFIX"));
            return;
        }
        Map<String, Integer> options = options(args);
        int changes = options.getOrDefault("changes", 100_000);
        int opportunities = options.getOrDefault("opportunities", Math.max(changes / 5, 1));
        int probes = options.getOrDefault("probes", 200);
        String bootstrap = env("PULSE_KAFKA_BOOTSTRAP");
        String prefix = env("PULSE_KAFKA_TOPICPREFIX");
        String topic = Topics.OPPORTUNITIES.qualified(prefix);
        SourceTopics sources = new SourceTopics(prefix);
        RebuildTarget target = new RebuildTarget(java.util.List.of(qualify(prefix, "pulse-streams")), qualify(prefix, "pulse-clickhouse-sink"),
                Path.of("."), sources);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             ClickHouseGateway clickHouse = new ClickHouseGateway(new ClickHouseSettings(env("PULSE_CLICKHOUSE_URL"),
                     env("PULSE_CLICKHOUSE_DATABASE"), "default", ""))) {
            // 1. throughput
            OpportunityHistory history = OpportunityHistory.generate(System.nanoTime(), opportunities, changes - opportunities, 50);
            List<OpportunityChanged> events = Deliveries.of(history, 1, 0, 0).events;
            ReplayPlan before = ReplayPlan.of(admin, sources);
            long t0 = System.nanoTime();
            try (OutboxLikePublisher publisher = new OutboxLikePublisher(bootstrap, topic)) {
                publisher.publish(events);
            }
            long published = System.nanoTime();
            ReplayPlan plan = new ReplayPlan(before.ends(), ReplayPlan.of(admin, sources).ends());
            long[] streamsDone = {0};
            ProgressBar bar = new ProgressBar(System.err);
            try (ReplayProgress progress = new ReplayProgress(admin, bootstrap, target, plan)) {
                progress.await(Duration.ofMinutes(30), p -> {
                    bar.show(p);
                    if (streamsDone[0] == 0 && p.processed() >= p.total()) {
                        streamsDone[0] = System.nanoTime();
                    }
                });
            }
            bar.done();
            long done = System.nanoTime();
            System.out.printf("throughput: %,d changes (%,d opportunities) published in %.1f s (%,.0f/s); streams read them all after %.1f s,"
                            + " ClickHouse had everything after %.1f s: %,.0f changes/s end to end%n",
                    events.size(), opportunities, secs(published - t0), events.size() / secs(published - t0),
                    secs(streamsDone[0] - t0), secs(done - t0), events.size() / secs(done - t0));

            // 2. latency, one change at a time on a quiet service
            latency(bootstrap, prefix, topic, clickHouse, probes);
        }
    }

    private static void latency(String bootstrap, String prefix, String topic, ClickHouseGateway clickHouse, int probes) throws Exception {
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicBoolean reading = new AtomicBoolean(true);
        Thread reader = reader(bootstrap, Topics.AGG_FORECAST.qualified(prefix), arrivals, reading);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        List<Long> toTopic = new ArrayList<>();
        List<Long> toClickHouse = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < probes; i++) {
                UUID owner = UUID.randomUUID();
                LocalDate close = LocalDate.of(2027, 3, 15);
                OpportunityChanged e = probe(owner, close);
                String key = ForecastChanged.key(ForecastChanged.OWNER, owner.toString(), YearMonth.from(close).toString());
                producer.send(OutboxLikePublisher.record(topic, e)).get();
                long sent = System.nanoTime();
                long deadline = sent + TimeUnit.SECONDS.toNanos(30);
                while (System.nanoTime() < deadline) {
                    if (((Number) clickHouse.query("SELECT count() AS c FROM forecast_month WHERE scope_type = 'OWNER' AND scope_id = ?",
                            owner.toString()).get(0).get("c")).longValue() > 0) {
                        toClickHouse.add(System.nanoTime() - sent);
                        break;
                    }
                    Thread.sleep(2);
                }
                Long arrived = arrivals.get(key);
                if (arrived != null) {
                    toTopic.add(arrived - sent);
                }
                Thread.sleep(50);
            }
        } finally {
            reading.set(false);
            reader.join(5_000);
        }
        System.out.printf("latency (%d single changes, quiet service): Kafka ack → pulse.agg.forecast.v1 p50 %d ms, p99 %d ms, max %d ms;"
                        + " → visible in ClickHouse forecast_month p50 %d ms, p99 %d ms, max %d ms%n",
                toTopic.size(), ms(toTopic, 50), ms(toTopic, 99), ms(toTopic, 100),
                ms(toClickHouse, 50), ms(toClickHouse, 99), ms(toClickHouse, 100));
    }

    /** Deletes the bench's topics and consumer groups (everything behind its prefix); its service is stopped. */
    private static void cleanup(String bootstrap, String prefix) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(t -> t.startsWith(prefix + ".")).toList();
            admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            List<String> groups = admin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(g -> g.groupId()).filter(g -> g.startsWith(prefix + ".")).toList();
            for (String group : groups) {
                try {
                    // Kafka Streams does not leave its group on close: remove the member, then the group.
                    if (!admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members().isEmpty()) {
                        admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                                .get(30, TimeUnit.SECONDS);
                    }
                    admin.deleteConsumerGroups(List.of(group)).all().get(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    System.err.println("group " + group + " stays: " + e.getMessage());
                }
            }
        }
    }

    private static OpportunityChanged probe(UUID owner, LocalDate close) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        OpportunitySnapshot s = new OpportunitySnapshot(id, UUID.randomUUID(), owner, "probe", "PROSPECTING", new BigDecimal("100.00"),
                "CNY", new BigDecimal("100.00"), 10, "PIPELINE", close, null, now, now, false, 1);
        return new OpportunityChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "bench", now, s);
    }

    /** A dashboard-like reader: read_committed, short fetch waits, arrival time per key. */
    private static Thread reader(String bootstrap, String topic, Map<String, Long> arrivals, AtomicBoolean reading) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        java.util.concurrent.CountDownLatch positioned = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                        .map(pi -> new TopicPartition(topic, pi.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                // seekToEnd is lazy: resolving the positions makes the reader really sit at the end.
                partitions.forEach(consumer::position);
                positioned.countDown();
                while (reading.get()) {
                    consumer.poll(Duration.ofMillis(20)).forEach(r -> arrivals.putIfAbsent(r.key(), System.nanoTime()));
                }
            }
        }, "bench-reader");
        t.setDaemon(true);
        t.start();
        try {
            if (!positioned.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bench reader did not reach the end of " + topic + " in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return t;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("usage: [--changes N] [--opportunities N] [--probes N]");
            }
            options.put(args[i].substring(2), Integer.parseInt(args[i + 1].replace("_", "")));
        }
        return options;
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }

    private static String qualify(String prefix, String name) {
        return prefix == null || prefix.isBlank() ? name : prefix + "." + name;
    }

    private static double secs(long nanos) {
        return nanos / 1e9;
    }

    private static long ms(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, Math.max((int) Math.ceil(p / 100.0 * sorted.size()) - 1, 0));
        return TimeUnit.NANOSECONDS.toMillis(sorted.get(index));
    }
}
