package com.pulse.streams.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStateDirIntegrationTests {

    @TempDir
    Path base;

    @Test
    void givesEachKafkaClusterItsOwnStateDirectory() {
        String bootstrap = Devstack.get().kafkaBootstrap();

        Path dir = ClusterStateDir.resolve(base, bootstrap, Duration.ofSeconds(20));

        assertThat(dir.getParent()).isEqualTo(base);
        assertThat(dir.getFileName().toString()).startsWith("cluster-").hasSizeGreaterThan("cluster-".length());
        assertThat(ClusterStateDir.resolve(base, bootstrap, Duration.ofSeconds(20))).isEqualTo(dir);
    }

    @Test
    void fallsBackToTheBaseDirectoryWhenKafkaDoesNotAnswer() {
        Path dir = ClusterStateDir.resolve(base, "127.0.0.1:1", Duration.ofMillis(500));

        assertThat(dir).isEqualTo(base);
    }
}
