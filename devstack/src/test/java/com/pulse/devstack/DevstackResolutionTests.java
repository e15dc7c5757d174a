package com.pulse.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevstackResolutionTests {

    private static final Map<String, String> ALL = Map.of(
            "PULSE_PG_URL", "jdbc:postgresql://127.0.0.1:1/pulse?user=postgres",
            "PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:2",
            "PULSE_CLICKHOUSE_URL", "http://127.0.0.1:3");

    @Test
    void containersOnlyWhenAskedForAndDockerAnswers() {
        assertThat(DevstackSource.select(Map.of(), () -> true)).isEqualTo(DevstackSource.LOCAL);
        assertThat(DevstackSource.select(Map.of("PULSE_TEST_CONTAINERS", "1"), () -> false)).isEqualTo(DevstackSource.LOCAL);
        assertThat(DevstackSource.select(Map.of("PULSE_TEST_CONTAINERS", "0"), () -> true)).isEqualTo(DevstackSource.LOCAL);
        assertThat(DevstackSource.select(Map.of("PULSE_TEST_CONTAINERS", "1"), () -> true)).isEqualTo(DevstackSource.CONTAINERS);
    }

    @Test
    void dockerProbeNeverAsksWhenNotAskedFor() {
        assertThat(DevstackSource.select(Map.of(), () -> {
            throw new AssertionError("probed Docker without PULSE_TEST_CONTAINERS=1");
        })).isEqualTo(DevstackSource.LOCAL);
    }

    @Test
    void environmentVariablesWin(@TempDir Path repo) throws Exception {
        writeEnvFile(repo, Map.of("PULSE_PG_URL", "jdbc:postgresql://127.0.0.1:9/pulse?user=postgres",
                "PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:9", "PULSE_CLICKHOUSE_URL", "http://127.0.0.1:9"));

        Devstack devstack = Devstack.resolve(ALL, repo.resolve("api"));

        assertThat(devstack.pgUrl()).isEqualTo(ALL.get("PULSE_PG_URL"));
        assertThat(devstack.kafkaBootstrap()).isEqualTo("127.0.0.1:2");
        assertThat(devstack.clickhouseUrl()).isEqualTo("http://127.0.0.1:3");
    }

    @Test
    void envFileOfTheRepositoryFillsWhatTheEnvironmentLacks(@TempDir Path repo) throws Exception {
        writeEnvFile(repo, ALL);
        Files.createDirectories(repo.resolve("api/src"));

        Devstack devstack = Devstack.resolve(Map.of("PULSE_KAFKA_BOOTSTRAP", "10.0.0.1:9092"), repo.resolve("api/src"));

        assertThat(devstack.pgUrl()).isEqualTo(ALL.get("PULSE_PG_URL"));
        assertThat(devstack.kafkaBootstrap()).isEqualTo("10.0.0.1:9092");
        assertThat(devstack.clickhouseUrl()).isEqualTo("http://127.0.0.1:3");
    }

    @Test
    void withoutEnvironmentOrFileItSaysHowToStartDevstack(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("pulse"), "#!/bin/sh\n");

        assertThatThrownBy(() -> Devstack.resolve(Map.of(), repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("devstack is not running: run ./pulse test, or ./pulse services up --test");
    }

    @Test
    void envFileIsFoundByWalkingUpToThePulseScript(@TempDir Path repo) throws Exception {
        Files.writeString(repo.resolve("pulse"), "#!/bin/sh\n");
        Files.createDirectories(repo.resolve("a/b/c"));

        assertThat(Devstack.envFile(repo.resolve("a/b/c"))).contains(repo.resolve(".pulse/test/devstack.env"));
    }

    private static void writeEnvFile(Path repo, Map<String, String> values) throws Exception {
        Files.writeString(repo.resolve("pulse"), "#!/bin/sh\n");
        Files.createDirectories(repo.resolve(".pulse/test"));
        EnvFile.write(repo.resolve(".pulse/test/devstack.env"), values);
    }
}
