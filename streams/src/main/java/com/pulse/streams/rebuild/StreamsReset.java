package com.pulse.streams.rebuild;

import com.pulse.streams.system.ClusterStateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the streams applications ({@code pulse-streams}, {@code pulse-kpis}) back to before they read anything, the
 * way Kafka's application reset tool does, plus the sink and ClickHouse:
 * <ol>
 *   <li>each application's consumer group is deleted, so it reads the {@code crm.*.v1} topics from the start;</li>
 *   <li>its internal topics ({@code <application.id>-…-changelog|-repartition}) are deleted, and its local state
 *       directory, so every store starts empty;</li>
 *   <li>the sink's group goes back to the start of the source topics (it writes their events as facts) and to the
 *       end of every derived topic (the replay writes those anew);</li>
 *   <li>the aggregate tables are truncated.</li>
 * </ol>
 * Nothing may consume as the application or the sink meanwhile: {@link #ensureStopped} checks the groups first.
 */
public final class StreamsReset {

    private static final Logger log = LoggerFactory.getLogger(StreamsReset.class);
    private static final long TIMEOUT_S = 30;

    private final Admin admin;
    private final RebuildTarget target;

    public StreamsReset(Admin admin, RebuildTarget target) {
        this.admin = admin;
        this.target = target;
    }

    /**
     * Fails when the application or the sink still has group members. With {@code force}, removes them instead:
     * for members left behind by a process that is gone (Kafka Streams does not leave its group on close, so its
     * members linger for {@code session.timeout.ms}).
     */
    public void ensureStopped(boolean force) throws Exception {
        List<String> groups = new java.util.ArrayList<>(target.applicationIds());
        groups.add(target.sinkGroupId());
        for (String group : groups) {
            ConsumerGroupDescription description;
            try {
                description = admin.describeConsumerGroups(List.of(group)).all().get(TIMEOUT_S, TimeUnit.SECONDS).get(group);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupIdNotFoundException) {
                    continue;
                }
                throw e;
            }
            if (description.members().isEmpty()) {
                continue;
            }
            if (!force) {
                throw new IllegalStateException(group + " still has " + description.members().size()
                        + " member(s): stop the streams service first (or pass --force if it is gone)");
            }
            log.info("removing {} lingering member(s) of {}", description.members().size(), group);
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS);
        }
    }

    /** Resets Kafka and the local state; returns what the replay has to read. */
    public ReplayPlan resetKafkaAndState() throws Exception {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        ReplayPlan plan = ReplayPlan.of(admin, target.sources());

        resetSinkGroup();
        for (String application : target.applicationIds()) {
            deleteGroup(application);
            deleteInternalTopics(application, topics);
            deleteLocalState(application);
        }
        return plan;
    }

    private void resetSinkGroup() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(target.sinkGroupId())
                .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
        if (committed == null || committed.isEmpty()) {
            return; // a sink that never committed starts from the beginning anyway
        }
        Map<Boolean, List<String>> bySource = committed.keySet().stream().map(TopicPartition::topic).distinct()
                .collect(Collectors.partitioningBy(target.sources()::isSource));
        Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
        Offsets.of(admin, bySource.get(true), OffsetSpec.earliest()).forEach((tp, o) -> reset.put(tp, new OffsetAndMetadata(o)));
        Offsets.of(admin, bySource.get(false), OffsetSpec.latest()).forEach((tp, o) -> reset.put(tp, new OffsetAndMetadata(o)));
        retryWhileNotEmpty(() -> admin.alterConsumerGroupOffsets(target.sinkGroupId(), reset).all().get(TIMEOUT_S, TimeUnit.SECONDS));
        log.info("sink group {}: source topics {} from the start, derived topics {} from their end", target.sinkGroupId(),
                bySource.get(true), bySource.get(false));
    }

    private void deleteGroup(String group) throws Exception {
        try {
            retryWhileNotEmpty(() -> admin.deleteConsumerGroups(List.of(group)).all().get(TIMEOUT_S, TimeUnit.SECONDS));
            log.info("deleted consumer group {}", group);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                throw e;
            }
        }
    }

    private void deleteInternalTopics(String application, Set<String> topics) throws Exception {
        String prefix = application + "-";
        List<String> internal = topics.stream()
                .filter(t -> t.startsWith(prefix) && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .sorted().toList();
        if (internal.isEmpty()) {
            return;
        }
        try {
            admin.deleteTopics(internal).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
        // Deletion is asynchronous; the application recreates these names when it starts.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream().anyMatch(internal::contains)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("internal topics still exist after " + TIMEOUT_S + " s: " + internal);
            }
            Thread.sleep(100);
        }
        log.info("deleted internal topics {}", internal);
    }

    private void deleteLocalState(String application) throws Exception {
        String clusterId = admin.describeCluster().clusterId().get(TIMEOUT_S, TimeUnit.SECONDS);
        for (Path dir : List.of(ClusterStateDir.forCluster(target.stateDir(), clusterId).resolve(application),
                target.stateDir().resolve(application))) {
            if (Files.exists(dir)) {
                deleteRecursively(dir);
                log.info("deleted local state {}", dir);
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private interface AdminCall {
        void run() throws Exception;
    }

    /** A group is briefly not empty while its last members are being removed. */
    private static void retryWhileNotEmpty(AdminCall call) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_S);
        while (true) {
            try {
                call.run();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupNotEmptyException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** End or start offsets of every partition of some topics. */
    static final class Offsets {

        private Offsets() {
        }

        static Map<TopicPartition, Long> of(Admin admin, List<String> topics, OffsetSpec spec) throws Exception {
            if (topics.isEmpty()) {
                return Map.of();
            }
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((name, d) ->
                    d.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), spec)));
            return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(TIMEOUT_S, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }
}
