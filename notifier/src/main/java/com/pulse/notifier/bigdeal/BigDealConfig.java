package com.pulse.notifier.bigdeal;

import com.pulse.events.Topics;
import com.pulse.notifier.firing.EventRuleFiring;
import com.pulse.notifier.inbox.AlertService;
import java.util.HashMap;
import java.util.Map;
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
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The Kafka side of event-triggered alerts. Unlike the live feed, every alert must be produced once per
 * cluster, not once per instance: all instances share one consumer group, which splits the partitions
 * between them, and commit each record after its alert is stored (see notifier/DESIGN.md).
 */
@Configuration(proxyBeanMethods = false)
class BigDealConfig {

    static final String GROUP = "pulse-notifier-alerts";

    @Bean
    BigDealRule bigDealRule(BigDealProperties properties, @Value("${pulse.company.base-currency}") String baseCurrency) {
        return new BigDealRule(properties.minAmount(), baseCurrency);
    }

    @Bean
    ConcurrentMessageListenerContainer<String, byte[]> opportunityFeedContainer(
            KafkaProperties kafka, BigDealProperties properties, @Value("${pulse.kafka.topic-prefix:}") String prefix,
            BigDealRule rule, AlertService alerts, EventRuleFiring eventRules) {
        ContainerProperties container = new ContainerProperties(Topics.OPPORTUNITIES.qualified(prefix));
        container.setGroupId(prefix == null || prefix.isBlank() ? GROUP : prefix + "." + GROUP);
        // The offset is committed after the listener returned, i.e. after the alert is in the inbox.
        container.setAckMode(AckMode.RECORD);
        container.setMessageListener(new OpportunityFeed(rule, alerts, eventRules));
        var consumer = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumerConfig(kafka, properties), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                container);
        // The inbox unreachable: retry the same record, backing off up to 30 s, until it is stored.
        // Giving up would skip an alert for good; a stalled partition catches up once Postgres is back.
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        consumer.setCommonErrorHandler(new DefaultErrorHandler(backOff));
        return consumer;
    }

    private static Map<String, Object> consumerConfig(KafkaProperties kafka, BigDealProperties properties) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, properties.autoOffsetReset());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The topic belongs to the api's outbox relay, which creates it; never auto-create it here.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }
}
