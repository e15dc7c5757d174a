package com.pulse.streams.rebuild;

import com.pulse.streams.system.PulseProperties;
import java.nio.file.Path;

/**
 * What a rebuild resets, named as the service names it: the Kafka Streams application id and the sink's group
 * (both behind the topic prefix, see {@code KafkaStreamsConfig} and {@code SinkConfig}), the local state base
 * directory, and which topics are sources.
 */
public record RebuildTarget(String applicationId, String sinkGroupId, Path stateDir, SourceTopics sources) {

    public static RebuildTarget of(PulseProperties pulse) {
        Path stateDir = pulse.streams().stateDir() != null ? pulse.streams().stateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "pulse-streams-state");
        return new RebuildTarget(pulse.kafka().qualify("pulse-streams"), pulse.kafka().qualify("pulse-clickhouse-sink"),
                stateDir.toAbsolutePath(), new SourceTopics(pulse.kafka().topicPrefix()));
    }
}
