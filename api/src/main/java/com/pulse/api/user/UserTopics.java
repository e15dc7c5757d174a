package com.pulse.api.user;

import com.pulse.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The API owns the users topic; the outbox relay creates it before its first publish. */
@Configuration(proxyBeanMethods = false)
class UserTopics {

    @Bean
    NewTopic usersTopic(@Value("${pulse.kafka.topic-prefix:}") String prefix) {
        return TopicBuilder.name(Topics.USERS.qualified(prefix)).partitions(3).replicas(1).build();
    }
}
