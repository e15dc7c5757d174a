package com.pulse.streams.system;

import com.pulse.events.Pipeline;
import com.pulse.streams.TopicNames;
import com.pulse.streams.funnel.FunnelTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Kafka Streams configured by hand, so the settings that matter are visible in one place:
 * exactly-once v2, a 50 ms commit interval, 10 ms polls and a 10 MiB record cache. Under EOS nothing is
 * visible before the commit, and a commit flushes the cache first, so the cache costs no latency; under load it
 * collapses the many updates of a hot cell (a company funnel stage) within one commit into one record.
 */
@Configuration(proxyBeanMethods = false)
class KafkaStreamsConfig {

    static final String APPLICATION_ID = "pulse-streams";

    @Bean
    Topology funnelTopology(TopicNames topics, PulseProperties pulse) {
        StreamsBuilder builder = new StreamsBuilder();
        FunnelTopology.build(builder, topics, Pipeline.DEFAULT, pulse.company().timeZone(), pulse.streams().wallClockTick());
        return builder.build();
    }

    /**
     * The system clock; tests start it in the past ({@code pulse.streams.wall-clock-start}) and move it to a month's
     * first day (see {@link StreamsClock}). Never ahead of the broker's clock: Kafka refuses record timestamps more than
     * an hour in the future, and punctuations stamp records with this clock.
     */
    @Bean
    StreamsClock streamsClock(PulseProperties pulse) {
        StreamsClock clock = new StreamsClock();
        if (pulse.streams().wallClockStart() != null) {
            clock.set(pulse.streams().wallClockStart());
        }
        return clock;
    }

    @Bean
    StreamsRunner streamsRunner(Topology topology, KafkaProperties kafka, PulseProperties pulse, StreamsClock clock) {
        Properties config = streamsConfig(kafka, pulse);
        Path base = Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG));
        Path stateDir = ClusterStateDir.resolve(base, config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG),
                Duration.ofSeconds(30));
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        return new StreamsRunner(topology, config, clock);
    }

    static Properties streamsConfig(KafkaProperties kafka, PulseProperties pulse) {
        PulseProperties.Streams streams = pulse.streams();
        Path stateDir = streams.stateDir() != null ? streams.stateDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "pulse-streams-state");
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, pulse.kafka().qualify(APPLICATION_ID));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, streams.commitInterval().toMillis());
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, streams.cacheMaxBytes());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) streams.replicationFactor());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The thread commits only between polls; an idle poll blocks for poll.ms (100 ms by default), and under
        // EOS the repartitioned record it waits for is invisible until that very commit. Short polls keep each
        // hop near one commit interval.
        p.put(StreamsConfig.POLL_MS_CONFIG, streams.pollInterval().toMillis());
        // Low latency over batching: the funnel topic carries small messages a person is waiting for.
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 10);
        if (streams.frozenThrough() != null && !streams.frozenThrough().isBlank()) {
            p.put(com.pulse.streams.dimensions.ScopesTopology.FROZEN_THROUGH_CONFIG, streams.frozenThrough());
        }
        if (streams.frozenOpen() != null) {
            p.put(com.pulse.streams.dimensions.ScopesTopology.FROZEN_OPEN_CONFIG, streams.frozenOpen().toAbsolutePath().toString());
        }
        return p;
    }
}
