package com.pulse.notifier.live;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

/**
 * The Kafka side of the live channel. Every notifier instance owns a STOMP broker with its own
 * browser sessions, so every instance must see every change: each one joins its own consumer
 * group and starts at the end of the topic (see notifier/DESIGN.md).
 */
@Configuration(proxyBeanMethods = false)
class LiveFeedConfig {

    static final String GROUP_BASE = "pulse-notifier-live-";

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> aggFeedContainer(
            KafkaProperties kafka, @Value("${pulse.kafka.topic-prefix:}") String prefix, AggFeed feed) {
        // One consumer for every broadcast topic: a topic that does not exist yet is picked up once
        // streams creates it (from its end, like the others).
        ContainerProperties container = new ContainerProperties(Arrays.stream(AggKind.values())
                .map(k -> k.topic.qualified(prefix)).toArray(String[]::new));
        container.setGroupId(qualified(prefix, GROUP_BASE + UUID.randomUUID()));
        // Nothing is ever committed: a restarted instance starts at the end anyway, and a group
        // without offsets is forgotten by the broker as soon as its instance leaves.
        container.setAckMode(AckMode.MANUAL);
        container.setMessageListener(feed);
        return new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumerConfig(kafka), new StringDeserializer(), new ByteArrayDeserializer()),
                container);
    }

    static Map<String, Object> consumerConfig(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Browsers load the current funnel from olap, then want only what changes after that.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        // streams writes the topic in exactly-once transactions: never push an aborted change.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Latency over batching: a fetch returns as soon as one record is readable (fetch.min.bytes=1);
        // the short max wait bounds any case where the broker holds a fetch back, for the price of
        // a few empty fetches a second.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
        // The topic belongs to streams, which creates it with its partitioning; never auto-create it here.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    static String qualified(String prefix, String name) {
        return prefix == null || prefix.isBlank() ? name : prefix + "." + name;
    }
}
