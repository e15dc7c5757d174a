package com.pulse.devstack;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one test class gets from devstack: its own Postgres database, its own ClickHouse database
 * and its own Kafka topic prefix, on the shared servers.
 */
public final class TestNamespace {

    private final String pgJdbcUrl;
    private final String pgDatabase;
    private final String kafkaBootstrap;
    private final String topicPrefix;
    private final String clickhouseUrl;
    private final String clickhouseDatabase;

    TestNamespace(String pgJdbcUrl, String pgDatabase, String kafkaBootstrap, String topicPrefix,
                  String clickhouseUrl, String clickhouseDatabase) {
        this.pgJdbcUrl = pgJdbcUrl;
        this.pgDatabase = pgDatabase;
        this.kafkaBootstrap = kafkaBootstrap;
        this.topicPrefix = topicPrefix;
        this.clickhouseUrl = clickhouseUrl;
        this.clickhouseDatabase = clickhouseDatabase;
    }

    /** A fresh database for this namespace, e.g. {@code jdbc:postgresql://127.0.0.1:P/t_my_tests_ab12cd34?user=postgres}. */
    public String pgJdbcUrl() {
        return pgJdbcUrl;
    }

    public String pgDatabase() {
        return pgDatabase;
    }

    public String kafkaBootstrap() {
        return kafkaBootstrap;
    }

    /** Pass to {@code Topics.X.qualified(prefix)}, e.g. {@code tab12cd34}. */
    public String topicPrefix() {
        return topicPrefix;
    }

    public String clickhouseUrl() {
        return clickhouseUrl;
    }

    /** A fresh ClickHouse database, already created. */
    public String clickhouseDatabase() {
        return clickhouseDatabase;
    }

    /**
     * The Spring properties that point a Pulse service at this namespace, for
     * {@code @DynamicPropertySource}: {@code NS.springProperties().forEach((k, v) -> r.add(k, () -> v))}.
     */
    public Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("pulse.pg.url", pgJdbcUrl);
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrap);
        properties.put("pulse.kafka.topic-prefix", topicPrefix);
        properties.put("pulse.clickhouse.url", clickhouseUrl);
        properties.put("pulse.clickhouse.database", clickhouseDatabase);
        return java.util.Collections.unmodifiableMap(properties);
    }

    @Override
    public String toString() {
        return "TestNamespace" + springProperties();
    }
}
