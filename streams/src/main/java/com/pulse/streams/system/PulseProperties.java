package com.pulse.streams.system;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The {@code pulse.*} settings this service reads (see application.yml for the defaults in one place). */
@ConfigurationProperties("pulse")
public record PulseProperties(
        @DefaultValue Kafka kafka,
        @DefaultValue Company company,
        @DefaultValue Clickhouse clickhouse,
        @DefaultValue Streams streams,
        @DefaultValue Sink sink) {

    public record Kafka(@DefaultValue("") String topicPrefix) {

        /** Kafka Streams application.id and consumer group ids are namespaced like topics. */
        public String qualify(String name) {
            return topicPrefix == null || topicPrefix.isBlank() ? name : topicPrefix + "." + name;
        }
    }

    /** Periods (forecast months) are calendar periods in the company time zone (METRICS.md). */
    public record Company(@DefaultValue("Asia/Shanghai") ZoneId timeZone) {
    }

    public record Clickhouse(
            @DefaultValue("http://127.0.0.1:8123") String url,
            @DefaultValue("pulse") String database,
            @DefaultValue("default") String user,
            @DefaultValue("") String password) {
    }

    public record Streams(
            Path stateDir,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("3") int partitions,
            @DefaultValue("50ms") Duration commitInterval,
            @DefaultValue("10ms") Duration pollInterval,
            @DefaultValue("10485760") long cacheMaxBytes,
            @DefaultValue("10s") Duration wallClockTick,
            Instant wallClockStart,
            // YYYY-MM: the last month frozen before a rebuild (see ScopesTopology.FROZEN_THROUGH_CONFIG); set by the rebuild only
            String frozenThrough,
            // a file of the months frozen before a rebuild and not ended (see ScopesTopology.FROZEN_OPEN_CONFIG); set by the rebuild only
            Path frozenOpen) {
    }

    public record Sink(
            @DefaultValue("10000") int maxPollRecords,
            @DefaultValue("50ms") Duration fetchMaxWait,
            @DefaultValue("1048576") int fetchMinBytes,
            @DefaultValue("100ms") Duration retryInitialInterval,
            @DefaultValue("10s") Duration retryMaxInterval) {
    }
}
