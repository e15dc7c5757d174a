package com.pulse.streams.rebuild;

import com.pulse.streams.system.PulseProperties;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/** Applies {@code pulse.rebuild.source-retention-ms} to the {@code crm.*.v1} topics when the service is up. */
@Component
class SourceRetentionOnStart {

    private static final Logger log = LoggerFactory.getLogger(SourceRetentionOnStart.class);

    private final KafkaAdmin kafkaAdmin;
    private final PulseProperties pulse;
    private final RebuildProperties rebuild;

    SourceRetentionOnStart(KafkaAdmin kafkaAdmin, PulseProperties pulse, RebuildProperties rebuild) {
        this.kafkaAdmin = kafkaAdmin;
        this.pulse = pulse;
        this.rebuild = rebuild;
    }

    @EventListener(ApplicationReadyEvent.class)
    void apply() {
        try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
            SourceRetention.apply(admin, new SourceTopics(pulse.kafka().topicPrefix()), rebuild.sourceRetentionMs());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Not fatal for the figures; only a later rebuild may miss expired history.
            log.warn("cannot set retention.ms on the crm.*.v1 topics: {}", e.toString());
        }
    }
}
