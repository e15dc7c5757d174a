package com.pulse.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.api.system.PgConnections;
import com.pulse.api.system.PgUrl;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * The relay on devstack's Postgres and Kafka, without Spring: rows wait while Kafka is
 * away and go out in order when it is back; one relay at a time; NOTIFY wakes it at once.
 */
class OutboxRelayIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OutboxRelayIntegrationTests.class);
    static final String TOPIC = Topics.OPPORTUNITIES.qualified(NS.topicPrefix());

    static PostgresqlConnectionFactory connections;
    static DatabaseClient db;
    static TransactionalOperator tx;
    static OutboxWriter writer;
    static KafkaTemplate<String, byte[]> kafka;
    static KafkaConsumer<String, byte[]> consumer;

    @BeforeAll
    static void setUp() throws Exception {
        PgUrl url = PgUrl.parse(NS.pgJdbcUrl());
        Flyway.configure().dataSource(url.jdbcUrl(), url.user(), url.password()).load().migrate();
        connections = new PgConnections(url).dedicated("outbox-tests");
        db = DatabaseClient.create(connections);
        tx = TransactionalOperator.create(new R2dbcTransactionManager(connections));
        writer = new OutboxWriter(db);
        kafka = template(NS.kafkaBootstrap(), 5000);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, NS.topicPrefix() + ".outbox-tests");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    @AfterAll
    static void tearDown() {
        consumer.close(Duration.ofSeconds(2));
        kafka.destroy();
    }

    @BeforeEach
    void everythingEarlierIsPublished() {
        db.sql("UPDATE outbox SET published_at = now() WHERE published_at IS NULL").then().block();
    }

    private static KafkaTemplate<String, byte[]> template(String bootstrap, int timeoutMs) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs * 2);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(props, new StringSerializer(), new ByteArraySerializer()));
    }

    private static OpportunityChanged event(UUID id, long version) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        OpportunitySnapshot snapshot = new OpportunitySnapshot(id, null, null, "Deal", "PROSPECTING", BigDecimal.TEN, "CNY",
                BigDecimal.TEN, 10, "PIPELINE", null, null, now, now, false, version);
        return new OpportunityChanged(UUID.randomUUID(), id, version, version == 1 ? Operation.CREATED : Operation.UPDATED,
                "test", now, snapshot);
    }

    private static void write(List<OpportunityChanged> events) {
        tx.transactional(Flux.fromIterable(events)
                .concatMap(e -> writer.append(Topics.OPPORTUNITIES, "opportunity", e))
                .then()).block();
    }

    private static long unpublished() {
        return db.sql("SELECT count(*) AS n FROM outbox WHERE published_at IS NULL").map(r -> r.get("n", Long.class)).one().block();
    }

    private static List<ConsumerRecord<String, byte[]>> consume(int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(50)).forEach(records::add);
            return records.size() >= count;
        });
        return records;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void rowsWaitWhileKafkaIsAwayAndGoOutInOrderWhenItIsBack() throws IOException {
        // given: changes of two opportunities committed while the broker is unreachable
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        write(List.of(event(a, 1), event(b, 1), event(a, 2), event(b, 2), event(a, 3), event(b, 3)));
        KafkaTemplate<String, byte[]> away = template("127.0.0.1:" + freePort(), 1000);
        OutboxPublisher failing = new OutboxPublisher(db, tx, away, NS.topicPrefix(), 200, null);

        // when: the relay tries, and fails
        StepVerifier.create(failing.publishBatch()).expectError().verify(Duration.ofSeconds(30));
        away.destroy();

        // then: nothing is lost or marked
        assertThat(unpublished()).isEqualTo(6);

        // when: the broker is reachable again
        OutboxPublisher publisher = new OutboxPublisher(db, tx, kafka, NS.topicPrefix(), 200, null);
        StepVerifier.create(publisher.publishBatch()).expectNext(6).verifyComplete();

        // then: all six are on the topic, each opportunity's versions in order, and the rows are marked
        assertThat(unpublished()).isZero();
        List<ConsumerRecord<String, byte[]>> records = consume(6);
        Map<String, List<Long>> versions = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            OpportunityChanged e = CloudEventCodec.decode(r.value(), OpportunityChanged.class);
            assertThat(r.key()).isEqualTo(e.aggregateId().toString());
            assertThat(new String(r.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8)).isEqualTo(e.eventId().toString());
            versions.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(e.aggregateVersion());
        }
        assertThat(versions).containsEntry(a.toString(), List.of(1L, 2L, 3L)).containsEntry(b.toString(), List.of(1L, 2L, 3L));
    }

    @Test
    void onlyTheRelayHoldingTheLockPublishes() {
        write(List.of(event(UUID.randomUUID(), 1), event(UUID.randomUUID(), 1)));
        OutboxPublisher publisher = new OutboxPublisher(db, tx, kafka, NS.topicPrefix(), 200, null);
        // Another instance's relay is mid-batch: it holds the advisory lock in its transaction.
        PostgresqlConnection other = connections.create().block();
        try {
            other.beginTransaction().block();
            other.createStatement("SELECT pg_advisory_xact_lock(" + OutboxPublisher.LOCK_KEY + ")").execute()
                    .flatMap(r -> r.map((row, meta) -> 1)).blockLast();

            StepVerifier.create(publisher.publishBatch()).expectNext(0).verifyComplete();
            assertThat(unpublished()).isEqualTo(2);

            other.commitTransaction().block();
            StepVerifier.create(publisher.publishBatch()).expectNext(2).verifyComplete();
            assertThat(unpublished()).isZero();
        } finally {
            other.close().block();
        }
        consume(0);
    }

    /** Measured, not asserted beyond "long before the poll": commit → record on the topic, woken by NOTIFY alone. */
    @Test
    void aCommitWakesTheRelayWithoutWaitingForThePoll() {
        OutboxPublisher publisher = new OutboxPublisher(db, tx, kafka, NS.topicPrefix(), 200, null);
        OutboxRelay relay = new OutboxRelay(publisher, new OutboxNotifications(connections), null, Duration.ofHours(1));
        consumer.poll(Duration.ofMillis(100));
        relay.start();
        try {
            // The first poll tick fires at once; let it and the LISTEN settle.
            await().atMost(Duration.ofSeconds(10)).until(() -> unpublished() == 0);
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                UUID id = UUID.randomUUID();
                write(List.of(event(id, 1)));
                long committed = System.nanoTime();
                await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(1))) {
                        if (r.key().equals(id.toString())) {
                            return true;
                        }
                    }
                    return false;
                });
                micros.add((System.nanoTime() - committed) / 1000);
            }
            micros.sort(Long::compare);
            System.out.printf("Commit -> NOTIFY -> relay -> broker ack -> consumer over %d events: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() * 99 / 100) / 1000.0,
                    micros.get(micros.size() - 1) / 1000.0);
            assertThat(micros.get(micros.size() - 1)).isLessThan(Duration.ofSeconds(10).toNanos() / 1000);
        } finally {
            relay.stop();
        }
    }
}
