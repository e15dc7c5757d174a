package com.pulse.streams.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the local state stores of each Kafka cluster apart.
 *
 * <p>Kafka Streams trusts a state directory's checkpoint: pointed at a new cluster (a wiped
 * broker, another environment) with the same application id, it finds nothing to restore and
 * carries on from the old cluster's aggregates, so every figure would count old deals too. A
 * sub-directory per cluster id makes a new cluster start from empty stores.
 */
public final class ClusterStateDir {

    private static final Logger log = LoggerFactory.getLogger(ClusterStateDir.class);

    private ClusterStateDir() {
    }

    /** The state directory of one cluster under {@code base}; the rebuild wipes the stores there. */
    public static Path forCluster(Path base, String clusterId) {
        return base.resolve("cluster-" + clusterId.replaceAll("[^A-Za-z0-9_-]", "_"));
    }

    static Path resolve(Path base, String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            String clusterId = admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return forCluster(base, clusterId);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Kafka not reachable yet: Streams will wait for it anyway; the shared directory is
            // right as long as the cluster is the one the stores were built from.
            log.warn("Kafka cluster id unknown after {} ({}); using state directory {}", timeout, e.toString(), base);
            return base;
        }
    }
}
