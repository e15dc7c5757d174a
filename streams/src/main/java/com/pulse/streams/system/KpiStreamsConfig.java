package com.pulse.streams.system;

import com.pulse.events.Pipeline;
import com.pulse.streams.kpis.KpiTopics;
import com.pulse.streams.kpis.KpiTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The KPI application ({@link KpiTopology}): its own Kafka Streams instance, application id {@code [prefix.]pulse-kpis},
 * with the same settings as {@code pulse-streams} (exactly once, commit interval, no cache) and the same wall clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KpiStreamsConfig.KpiProperties.class)
class KpiStreamsConfig {

    static final String APPLICATION_ID = "pulse-kpis";

    /** {@code pulse.kpis.*}: how often the KPI task publishes the scopes that changed (and looks for midnight). */
    @ConfigurationProperties("pulse.kpis")
    record KpiProperties(@DefaultValue("100ms") Duration flushInterval) {
    }

    @Bean
    KpiTopics kpiTopics(PulseProperties pulse) {
        return KpiTopics.of(pulse.kafka().topicPrefix());
    }

    @Bean
    KafkaAdmin.NewTopics kpiTopicsToCreate(KpiTopics topics, PulseProperties pulse) {
        int partitions = pulse.streams().partitions();
        short replicas = pulse.streams().replicationFactor();
        return new KafkaAdmin.NewTopics(
                topic(topics.leads(), partitions, replicas),
                topic(topics.activities(), partitions, replicas),
                topic(topics.accounts(), partitions, replicas),
                topic(topics.targets(), partitions, replicas),
                // the scopes task writes it; only the latest path per owner matters
                TopicBuilder.name(topics.ownerTeams()).partitions(partitions).replicas(replicas).compact().build(),
                // compacted: the latest message per key is the table row, and what a rebuild's sink replay rewrites
                compacted(topics.aggKpis(), partitions, replicas),
                compacted(topics.aggLeads(), partitions, replicas),
                compacted(topics.aggActivities(), partitions, replicas));
    }

    @Bean
    KpiStreams kpiStreams(KpiTopics topics, KafkaProperties kafka, PulseProperties pulse, KpiProperties kpis, StreamsClock clock) {
        Properties config = KafkaStreamsConfig.streamsConfig(kafka, pulse);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, pulse.kafka().qualify(APPLICATION_ID));
        Path stateDir = ClusterStateDir.resolve(Path.of(config.getProperty(StreamsConfig.STATE_DIR_CONFIG)),
                config.getProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG), Duration.ofSeconds(30));
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        return new KpiStreams(new StreamsRunner(KpiTopology.build(topics, Pipeline.DEFAULT, pulse.company().timeZone(), kpis.flushInterval()),
                config, clock));
    }

    private static NewTopic compacted(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas).compact().build();
    }

    private static NewTopic topic(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas).build();
    }

    /** A runner of its own type, so that {@code pulse-streams}' runner stays the one {@link StreamsRunner} bean. */
    static final class KpiStreams implements SmartLifecycle {

        private final StreamsRunner runner;

        KpiStreams(StreamsRunner runner) {
            this.runner = runner;
        }

        @Override
        public void start() {
            runner.start();
        }

        @Override
        public void stop() {
            runner.stop();
        }

        @Override
        public boolean isRunning() {
            return runner.isRunning();
        }
    }
}
