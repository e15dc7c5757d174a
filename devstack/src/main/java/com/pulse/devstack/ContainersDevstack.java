package com.pulse.devstack;

import java.util.HashMap;
import java.util.Map;

/**
 * Servers from Testcontainers, for machines with a Docker engine and {@code PULSE_TEST_CONTAINERS=1}.
 * The Testcontainers modules are optional dependencies of devstack: a module that wants this path
 * adds them to its test classpath. Containers live as long as the test JVM (Ryuk removes them).
 */
final class ContainersDevstack {

    private ContainersDevstack() {
    }

    static boolean dockerAnswers() {
        try {
            Class<?> factory = Class.forName("org.testcontainers.DockerClientFactory");
            Object instance = factory.getMethod("instance").invoke(null);
            return (Boolean) factory.getMethod("isDockerAvailable").invoke(instance);
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /** Starts what the environment does not already provide; returns the three PULSE_* values. */
    @SuppressWarnings("resource")
    static Map<String, String> start(Map<String, String> env) {
        Map<String, String> values = new HashMap<>(env);
        if (!values.containsKey(EnvFile.PG_URL)) {
            var pg = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine")
                    .withDatabaseName("pulse").withUsername("postgres").withPassword("postgres");
            pg.start();
            values.put(EnvFile.PG_URL, "jdbc:postgresql://" + pg.getHost() + ":" + pg.getMappedPort(5432)
                    + "/pulse?user=postgres&password=postgres");
        }
        if (!values.containsKey(EnvFile.KAFKA_BOOTSTRAP)) {
            var kafka = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.1");
            kafka.start();
            values.put(EnvFile.KAFKA_BOOTSTRAP, kafka.getBootstrapServers());
        }
        if (!values.containsKey(EnvFile.CLICKHOUSE_URL)) {
            // A password-less default user, like the local server devstack starts.
            var clickhouse = new org.testcontainers.clickhouse.ClickHouseContainer("clickhouse/clickhouse-server:25.8")
                    .withEnv("CLICKHOUSE_SKIP_USER_SETUP", "1").withUsername("default").withPassword("");
            clickhouse.start();
            values.put(EnvFile.CLICKHOUSE_URL, "http://" + clickhouse.getHost() + ":" + clickhouse.getMappedPort(8123));
        }
        return values;
    }
}
