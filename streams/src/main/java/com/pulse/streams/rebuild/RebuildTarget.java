package com.pulse.streams.rebuild;

import com.pulse.streams.system.PulseProperties;
import java.nio.file.Path;
import java.util.List;

/**
 * What a rebuild resets, named as the service names it: the Kafka Streams applications (behind the topic prefix,
 * see {@code KafkaStreamsConfig} and {@code KpiStreamsConfig}; the first one's progress is what the progress bar
 * shows), the sink's group ({@code SinkConfig}), the local state base directory, and which topics are sources.
 */
public record RebuildTarget(List<String> applicationIds, String sinkGroupId, Path stateDir, SourceTopics sources) {

    public RebuildTarget {
        applicationIds = List.copyOf(applicationIds);
        if (applicationIds.isEmpty()) {
            throw new IllegalArgumentException("a rebuild needs at least one streams application");
        }
    }

    public static RebuildTarget of(PulseProperties pulse) {
        Path stateDir = pulse.streams().stateDir() != null ? pulse.streams().stateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "pulse-streams-state");
        return new RebuildTarget(List.of(pulse.kafka().qualify("pulse-streams"), pulse.kafka().qualify("pulse-kpis")),
                pulse.kafka().qualify("pulse-clickhouse-sink"), stateDir.toAbsolutePath(), new SourceTopics(pulse.kafka().topicPrefix()));
    }

    /** The main application ({@code pulse-streams}): its committed offsets are the replay's progress. */
    public String applicationId() {
        return applicationIds.get(0);
    }

    /** The other applications ({@code pulse-kpis}), which must also have drained their input before a replay is over. */
    public List<String> companions() {
        return applicationIds.subList(1, applicationIds.size());
    }
}
