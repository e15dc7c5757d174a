package com.pulse.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs on the devstack of `./pulse test` (or `./pulse services up --test`). */
class DevstackIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DevstackIntegrationTests.class);

    @Test
    void namespaceHasItsOwnPostgresDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(NS.pgJdbcUrl()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE probe (id int primary key, note text)");
            s.execute("INSERT INTO probe VALUES (1, 'hello')");
            try (ResultSet rs = s.executeQuery("SELECT current_database(), note FROM probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(NS.pgDatabase()).startsWith("t_devstack_integration_tests_");
                assertThat(rs.getString(2)).isEqualTo("hello");
            }
        }
    }

    @Test
    void namespaceHasItsOwnClickHouseDatabase() {
        String db = NS.clickhouseDatabase();
        ClickHouseHttp.execute(NS.clickhouseUrl(), null, null,
                "CREATE TABLE " + db + ".probe (id UInt64, v String) ENGINE = MergeTree ORDER BY id");
        ClickHouseHttp.execute(NS.clickhouseUrl(), null, null, "INSERT INTO " + db + ".probe VALUES (1, 'a'), (2, 'b')");

        String count = ClickHouseHttp.execute(NS.clickhouseUrl(), null, null, "SELECT count() FROM " + db + ".probe");

        assertThat(count.strip()).isEqualTo("2");
        assertThat(NS.springProperties()).containsEntry("pulse.clickhouse.database", db);
    }

    @Test
    void brokerCarriesRecordsOnPrefixedTopics() throws Exception {
        String topic = NS.topicPrefix() + ".probe.v1";
        try (Admin admin = KafkaService.admin(NS.kafkaBootstrap())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, NS.topicPrefix() + ".probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertThat(seen).extracting(ConsumerRecord::value).containsExactly("v");
        }
    }

    @Test
    void namespacesAreIsolated() {
        TestNamespace other = Devstack.get().newNamespace("OtherTests");

        assertThat(other.pgDatabase()).isNotEqualTo(NS.pgDatabase());
        assertThat(other.clickhouseDatabase()).isNotEqualTo(NS.clickhouseDatabase());
        assertThat(other.topicPrefix()).isNotEqualTo(NS.topicPrefix());
        assertThat(other.kafkaBootstrap()).isEqualTo(NS.kafkaBootstrap());
    }
}
