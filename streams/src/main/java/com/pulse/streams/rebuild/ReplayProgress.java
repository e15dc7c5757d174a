package com.pulse.streams.rebuild;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows a replay by the committed offsets of the streams applications and the sink.
 *
 * <p>Progress is the application's committed offsets on the source partitions against the plan. The replay is
 * over when every partition the applications or the sink read (sources, repartition topics, {@code pulse.agg.*}) is drained:
 * committed offset at the end, or only transaction markers or aborted records left in between (a consumer
 * commits the offset after its last record, while a transaction's commit marker sits one further).
 */
public final class ReplayProgress implements AutoCloseable {

    /** Processed source records against the total of the plan. */
    public record Progress(long processed, long total, boolean caughtUp) {
    }

    private static final long TIMEOUT_S = 30;

    private final Admin admin;
    private final RebuildTarget target;
    private final ReplayPlan plan;
    private final KafkaConsumer<byte[], byte[]> probe;

    public ReplayProgress(Admin admin, String bootstrapServers, RebuildTarget target, ReplayPlan plan) {
        this.admin = admin;
        this.target = target;
        this.plan = plan;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.probe = new KafkaConsumer<>(config);
    }

    /** Polls until caught up twice in a row, reporting progress on the way. */
    public Progress await(Duration timeout, Consumer<Progress> listener) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean caughtUpBefore = false;
        while (true) {
            Progress progress;
            try {
                progress = sample();
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // A busy broker answers an admin request late: not an answer, ask again until the deadline.
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                caughtUpBefore = false;
                continue;
            }
            listener.accept(progress);
            if (progress.caughtUp() && caughtUpBefore) {
                return progress;
            }
            caughtUpBefore = progress.caughtUp();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("replay not caught up after " + timeout + ": " + progress.processed()
                        + " of " + progress.total() + " source records");
            }
            Thread.sleep(250);
        }
    }

    public Progress sample() throws Exception {
        Map<TopicPartition, Long> app = committed(target.applicationId());
        long processed = 0;
        for (Map.Entry<TopicPartition, Long> end : plan.ends().entrySet()) {
            long start = plan.starts().getOrDefault(end.getKey(), 0L);
            long at = Math.min(app.getOrDefault(end.getKey(), start), end.getValue());
            processed += Math.max(at - start, 0);
        }
        boolean sourcesRead = plan.ends().entrySet().stream().allMatch(e ->
                e.getValue() <= plan.starts().getOrDefault(e.getKey(), 0L) || app.containsKey(e.getKey()));
        boolean caughtUp = sourcesRead && drained(withAssigned(target.applicationId(), app))
                && companionsDrained()
                && drained(withAssigned(target.sinkGroupId(), committed(target.sinkGroupId())));
        return new Progress(caughtUp ? plan.records() : processed, plan.records(), caughtUp);
    }

    /**
     * The other applications ({@code pulse-kpis}) have read everything they were given. One that has neither
     * committed nor been assigned anything yet has not started, which is not the same as done.
     */
    private boolean companionsDrained() throws Exception {
        for (String companion : target.companions()) {
            Map<TopicPartition, Long> positions = withAssigned(companion, committed(companion));
            if (positions.isEmpty() || !drained(positions)) {
                return false;
            }
        }
        return true;
    }

    private Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(TIMEOUT_S, TimeUnit.SECONDS);
        return offsets == null ? Map.of() : offsets.entrySet().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * The committed offsets plus, for every partition the group's members are assigned but have not committed yet,
     * its first offset: a downstream task that has not committed anything has not read anything either.
     */
    private Map<TopicPartition, Long> withAssigned(String group, Map<TopicPartition, Long> committed) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all()
                .get(TIMEOUT_S, TimeUnit.SECONDS).get(group);
        Set<TopicPartition> unread = description.members().stream().flatMap(m -> m.assignment().topicPartitions().stream())
                .filter(tp -> !committed.containsKey(tp)).collect(Collectors.toSet());
        Map<TopicPartition, Long> positions = new HashMap<>(committed);
        Map<TopicPartition, Long> starts = StreamsReset.Offsets.of(admin,
                unread.stream().map(TopicPartition::topic).distinct().toList(), OffsetSpec.earliest());
        unread.forEach(tp -> positions.put(tp, starts.getOrDefault(tp, 0L)));
        return positions;
    }

    private boolean drained(Map<TopicPartition, Long> committed) throws Exception {
        if (committed.isEmpty()) {
            return true;
        }
        List<String> topics = committed.keySet().stream().map(TopicPartition::topic).distinct().toList();
        Map<TopicPartition, Long> ends = StreamsReset.Offsets.of(admin, topics, OffsetSpec.latest());
        for (Map.Entry<TopicPartition, Long> c : committed.entrySet()) {
            long end = ends.getOrDefault(c.getKey(), c.getValue());
            if (c.getValue() < end && !onlyMarkersBetween(c.getKey(), c.getValue(), end)) {
                return false;
            }
        }
        return true;
    }

    /** True when a read_committed reader finds no record in [from, end): markers or aborted data only. */
    private boolean onlyMarkersBetween(TopicPartition tp, long from, long end) {
        if (end - from > 100) {
            return false; // no need to look: transactions do not leave that many markers in a row here
        }
        probe.assign(Set.of(tp));
        probe.seek(tp, from);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (probe.position(tp) < end && System.nanoTime() < deadline) {
            if (probe.poll(Duration.ofMillis(100)).records(tp).stream().anyMatch(r -> r.offset() < end)) {
                return false;
            }
        }
        return probe.position(tp) >= end;
    }

    @Override
    public void close() {
        probe.close();
    }
}
