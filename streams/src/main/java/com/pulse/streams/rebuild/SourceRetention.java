package com.pulse.streams.rebuild;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code retention.ms} of every {@code crm.*.v1} topic at the configured value (infinite by default).
 * The API creates those topics with the broker's default retention (7 days on devstack); a rebuild replays
 * them from the start, so their history must outlive that.
 */
public final class SourceRetention {

    private static final Logger log = LoggerFactory.getLogger(SourceRetention.class);

    private SourceRetention() {
    }

    /** Sets the retention where it differs; returns the topics it changed. */
    public static List<String> apply(Admin admin, SourceTopics sources, long retentionMs) throws Exception {
        Collection<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(sources::isSource).toList();
        if (topics.isEmpty()) {
            return List.of();
        }
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
        String wanted = Long.toString(retentionMs);
        List<String> changed = new ArrayList<>();
        for (ConfigResource resource : resources) {
            ConfigEntry current = configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG);
            if (current != null && wanted.equals(current.value())) {
                continue;
            }
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, wanted), AlterConfigOp.OpType.SET))))
                    .all().get(30, TimeUnit.SECONDS);
            log.info("{}: retention.ms {} → {}", resource.name(), current == null ? "?" : current.value(), wanted);
            changed.add(resource.name());
        }
        return changed;
    }
}
