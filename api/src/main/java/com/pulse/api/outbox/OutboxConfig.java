package com.pulse.api.outbox;

import com.pulse.api.system.PgConnections;
import com.pulse.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    /** The API owns the opportunities topic; three partitions so consumers can scale out (order is per key). */
    @Bean
    NewTopic opportunitiesTopic(@Value("${pulse.kafka.topic-prefix:}") String prefix) {
        return TopicBuilder.name(Topics.OPPORTUNITIES.qualified(prefix)).partitions(3).replicas(1).build();
    }

    @Bean
    OutboxPublisher outboxPublisher(DatabaseClient db, TransactionalOperator tx, KafkaTemplate<String, byte[]> kafka,
                                    @Value("${pulse.kafka.topic-prefix:}") String prefix, OutboxProperties properties,
                                    ObjectProvider<MeterRegistry> meters) {
        return new OutboxPublisher(db, tx, kafka, prefix, properties.batchSize(), meters.getIfAvailable());
    }

    @Bean
    @ConditionalOnProperty(name = "pulse.api.outbox.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(OutboxPublisher publisher, PgConnections connections, OutboxProperties properties,
                            KafkaAdmin admin) {
        return new OutboxRelay(publisher, new OutboxNotifications(connections.dedicated("pulse-api-outbox-listener")),
                admin, properties.pollInterval());
    }
}
