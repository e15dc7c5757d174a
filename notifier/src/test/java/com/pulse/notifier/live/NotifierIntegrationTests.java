package com.pulse.notifier.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.Topics;
import com.pulse.notifier.TestTokens;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/**
 * The live channel on real Kafka: a STOMP client on {@code /ws} receives what is produced to the
 * funnel topic. The test plays the part of streams, which owns and writes that topic. The client signs in
 * with a token on CONNECT, as every client must when {@code pulse.notifier.auth.enabled} is on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotifierIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(NotifierIntegrationTests.class);
    static final String TOPIC = createTopic(Topics.AGG_FUNNEL.qualified(NS.topicPrefix()));

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    final Queue<Received> received = new ConcurrentLinkedQueue<>();
    KafkaProducer<String, byte[]> producer;
    WebSocketStompClient client;
    StompSession session;
    StompHeaders connected;

    record Received(FunnelChanged change, String contentType, long nanos) {
    }

    @BeforeAll
    void connectAndWarmUp() throws Exception {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());

        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.initialize();
        client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setTaskScheduler(heartbeats);
        client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        // Tokens are required on CONNECT here; a broadcast reaches every signed-in session.
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + TestTokens.token("funnel-watcher", java.util.List.of("EXECUTIVE"), null, "Asia/Shanghai"));
        session = client.connectAsync("ws://localhost:" + port + "/ws", new WebSocketHttpHeaders(), connect,
                new StompSessionHandlerAdapter() {
            @Override
            public void afterConnected(StompSession s, StompHeaders headers) {
                connected = headers;
            }
        }).get(10, TimeUnit.SECONDS);
        session.subscribe(AggBroadcaster.FUNNEL, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                long now = System.nanoTime();
                String type = headers.getContentType() == null ? null : headers.getContentType().toString();
                received.add(new Received(EventJson.read((byte[]) payload, FunnelChanged.class), type, now));
            }
        });

        // The consumer starts at the end of the topic once it has its partitions, and the
        // subscription is registered asynchronously: probe until one probe makes it through.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            send(cell("probe", "PROSPECTING", 0, "0.00", "0.00"));
            assertThat(received).anyMatch(r -> r.change().scopeId().equals("probe"));
        });
    }

    @AfterAll
    void close() {
        if (session != null) {
            session.disconnect();
        }
        if (client != null) {
            client.stop();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void everyFunnelRecordIsPushedToTopicFunnelAsTheSameJson() {
        // given a change of every open stage
        List<FunnelChanged> cells = new ArrayList<>();
        long n = 1;
        for (PipelineStage stage : Pipeline.DEFAULT.openStages()) {
            cells.add(cell("all-stages", stage.name(), n, n * 1000 + ".50", n * 100 + ".05"));
            n++;
        }

        // when streams publishes them
        cells.forEach(this::send);

        // then the subscriber receives each one, with the same values, as JSON
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(of("all-stages")).containsExactlyInAnyOrderElementsOf(cells));
        assertThat(received).filteredOn(r -> r.change().scopeId().equals("all-stages"))
                .allSatisfy(r -> assertThat(r.contentType()).isEqualTo("application/json"));
        assertThat(connected.getHeartbeat()).as("heart-beats negotiated").satisfies(beats ->
                assertThat(beats[0]).isPositive());
    }

    @Test
    void aSubscriberReceivesTheChangesOfACellInTheOrderTheyWerePublished() {
        // given a burst of changes to one cell, each newer than the last
        List<FunnelChanged> burst = new ArrayList<>();
        for (long n = 1; n <= 300; n++) {
            burst.add(cell("ordered", "QUALIFICATION", n, n + ".00", n + ".00"));
        }

        // when streams publishes them back to back
        burst.forEach(this::send);
        producer.flush();

        // then they arrive in that order, so the last one a page sees is the cell's current value
        await().atMost(Duration.ofSeconds(20)).until(() -> of("ordered").size() == burst.size());
        assertThat(of("ordered")).containsExactlyElementsOf(burst);
    }

    @Test
    void aPoisonRecordIsSkippedAndTheNextOneArrives() {
        // given records that are not funnel changes, followed by a good one on the same partition
        FunnelChanged good = cell("after-poison", "PROPOSAL", 7, "7000.00", "4200.00");
        String key = good.key();
        producer.send(new ProducerRecord<>(TOPIC, key, "not json {".getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(TOPIC, key, "{\"count\":\"many\"}".getBytes(StandardCharsets.UTF_8)));
        producer.send(new ProducerRecord<>(TOPIC, key, "{}".getBytes(StandardCharsets.UTF_8)));

        // when
        send(good);

        // then the feed kept going
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(of("after-poison")).containsExactly(good));
    }

    @Test
    void anAbortedTransactionIsNeverPushed() {
        // given streams' exactly-once writer: one transaction aborted, the next committed, same partition
        FunnelChanged aborted = cell("txn", "NEGOTIATION", 666, "666.00", "532.80");
        FunnelChanged committed = cell("txn", "NEGOTIATION", 2, "2000.00", "1600.00");
        try (KafkaProducer<String, byte[]> txn = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, NS.topicPrefix() + "-txn-" + UUID.randomUUID()),
                new StringSerializer(), new ByteArraySerializer())) {
            txn.initTransactions();
            txn.beginTransaction();
            txn.send(record(aborted));
            txn.flush();
            txn.abortTransaction();
            txn.beginTransaction();
            txn.send(record(committed));
            txn.commitTransaction();
        }

        // then only the committed change arrives (it comes after the aborted one in the partition)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(of("txn")).containsExactly(committed));
    }

    @Test
    void measuresKafkaToStompLatency() {
        // One record at a time, so each latency is a record's own trip: produce → broker → consumer → STOMP → client.
        int rounds = 200;
        long[] micros = new long[rounds];
        List<String> stages = Pipeline.DEFAULT.openStages().stream().map(PipelineStage::name).toList();
        for (int i = 0; i < rounds; i++) {
            String scope = "latency-" + i;
            long start = System.nanoTime();
            send(cell(scope, stages.get(i % stages.size()), i, i + ".00", "0.00"));
            await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2))
                    .until(() -> !of(scope).isEmpty());
            long at = received.stream().filter(r -> r.change().scopeId().equals(scope)).findFirst().orElseThrow().nanos();
            micros[i] = (at - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("Kafka -> STOMP latency over %d records: p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms%n",
                rounds, micros[rounds / 2] / 1000.0, micros[rounds * 9 / 10] / 1000.0,
                micros[rounds * 99 / 100] / 1000.0, micros[rounds - 1] / 1000.0);
        assertThat(micros[rounds / 2]).as("median latency in µs").isLessThan(1_000_000);
    }

    private List<FunnelChanged> of(String scopeId) {
        return received.stream().map(Received::change).filter(c -> c.scopeId().equals(scopeId)).toList();
    }

    private void send(FunnelChanged change) {
        producer.send(record(change));
    }

    private static ProducerRecord<String, byte[]> record(FunnelChanged change) {
        return new ProducerRecord<>(TOPIC, change.key(), EventJson.write(change));
    }

    private static FunnelChanged cell(String scopeId, String stage, long count, String amount, String weighted) {
        return new FunnelChanged(FunnelChanged.COMPANY, scopeId, stage, count,
                new BigDecimal(amount), new BigDecimal(weighted), Instant.parse("2026-11-27T10:15:30.125Z"));
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}
