package com.pulse.streams.system;

import com.pulse.streams.TopicNames;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Creates the topics this service reads and writes (KafkaAdmin creates missing ones at start-up,
 * before the streams start): a Kafka Streams source topic must exist before the app starts.
 */
@Configuration(proxyBeanMethods = false)
class TopicsConfig {

    @Bean
    TopicNames topicNames(PulseProperties properties) {
        return TopicNames.of(properties.kafka().topicPrefix());
    }

    @Bean
    KafkaAdmin.NewTopics pulseTopics(TopicNames topics, PulseProperties properties) {
        int partitions = properties.streams().partitions();
        short replicas = properties.streams().replicationFactor();
        return new KafkaAdmin.NewTopics(
                topic(topics.opportunities(), partitions, replicas),
                topic(topics.aggFunnel(), partitions, replicas),
                topic(topics.aggTransitions(), partitions, replicas),
                topic(topics.aggForecast(), partitions, replicas),
                topic(topics.aggForecastSnapshots(), partitions, replicas),
                topic(topics.users(), partitions, replicas),
                topic(topics.teams(), partitions, replicas),
                topic(topics.targets(), partitions, replicas),
                topic(topics.accounts(), partitions, replicas),
                topic(topics.aggOpportunities(), partitions, replicas),
                // read back as a global store: only the latest path per owner matters
                TopicBuilder.name(topics.aggOwnerTeams()).partitions(partitions).replicas(replicas).compact().build(),
                topic(topics.dlq(), 1, replicas));
    }

    private static NewTopic topic(String name, int partitions, short replicas) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas).build();
    }
}
