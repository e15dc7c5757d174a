package com.pulse.api.product;

import com.pulse.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The API owns the products topic; the outbox relay creates it (with every NewTopic bean) before its first publish. */
@Configuration(proxyBeanMethods = false)
class ProductTopics {

    @Bean
    NewTopic productsTopic(@Value("${pulse.kafka.topic-prefix:}") String prefix) {
        return TopicBuilder.name(Topics.PRODUCTS.qualified(prefix)).partitions(3).replicas(1).build();
    }
}
