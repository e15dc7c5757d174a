package com.pulse.notifier.bigdeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Topics;
import com.pulse.notifier.StompClients;
import com.pulse.notifier.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * "Big deal won" end to end on devstack Kafka and Postgres: the test plays the api's outbox relay and
 * writes CloudEvents to {@code crm.opportunities.v1} (one partition, so records are handled in the
 * order written and a later record's alert proves the earlier ones were handled).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BigDealIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(BigDealIntegrationTests.class);
    static final String TOPIC = createTopic(Topics.OPPORTUNITIES.qualified(NS.topicPrefix()));
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        // a fresh topic: read it from the start, so no record is written before the group has its partition
        r.add("pulse.notifier.big-deal.auto-offset-reset", () -> "earliest");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    @AfterAll
    void close() {
        producer.close();
    }

    @Test
    void aDealWonBelowTheThresholdAlertsNobody() {
        // given a deal won for one cent less than the threshold, then a big one on the same partition
        UUID owner = UUID.randomUUID();
        OpportunityChanged small = Deals.movedTo(UUID.randomUUID(), owner, "CLOSED_WON", "999999.99", 4);
        OpportunityChanged marker = Deals.movedTo(UUID.randomUUID(), UUID.randomUUID(), "CLOSED_WON", "1000000.00", 2);

        // when
        send(small);
        send(marker);

        // then once the later one alerted, the small one has been handled, without an alert
        awaitAlert(marker);
        assertThat(alertsOf(owner.toString())).isZero();
    }

    @Test
    void aBigDealWonDeliveredTwiceAlertsItsOfflineOwnerOnceInTheInbox() throws Exception {
        // given an owner who is not connected, and a big deal of theirs won: the event delivered twice
        UUID owner = UUID.randomUUID();
        UUID deal = UUID.randomUUID();
        OpportunityChanged won = Deals.movedTo(deal, owner, "CLOSED_WON", "1250000.50", 9);
        OpportunityChanged marker = Deals.movedTo(UUID.randomUUID(), UUID.randomUUID(), "CLOSED_WON", "3000000", 1);

        // when
        send(won);
        send(won);
        send(marker);

        // then one alert, in the owner's inbox when they come back
        awaitAlert(marker);
        JsonNode inbox = inbox(owner.toString());
        assertThat(inbox.get("items")).hasSize(1);
        JsonNode alert = inbox.get("items").get(0);
        assertThat(alert.get("kind").asString()).isEqualTo("BIG_DEAL_WON");
        assertThat(alert.get("title").asString()).isEqualTo("Big deal won: " + won.snapshot().name() + " — 1,250,000.50 CNY");
        assertThat(alert.get("link").asString()).isEqualTo("/api/v1/opportunities/" + deal);
        assertThat(alert.get("read").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT dedupe_key FROM alerts WHERE user_id = ?").param(owner.toString())
                .query(String.class).list()).containsExactly("BIG_DEAL_WON:" + deal + ":9");
    }

    @Test
    void aConnectedOwnerReceivesTheAlertLive() throws Exception {
        UUID owner = UUID.randomUUID();
        try (StompClients clients = new StompClients(port)) {
            StompSession session = clients.connect(TestTokens.token(owner.toString()));
            Queue<String> frames = StompClients.subscribe(session, "/user/queue/alerts");
            UUID deal = UUID.randomUUID();
            // the subscription is registered asynchronously: win new versions of the deal until one arrives live
            long[] version = {10};
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                send(Deals.movedTo(deal, owner, "CLOSED_WON", "5000000", version[0]++));
                return !StompClients.containing(frames, "/api/v1/opportunities/" + deal).isEmpty();
            });
            assertThat(StompClients.containing(frames, "/api/v1/opportunities/" + deal).get(0))
                    .contains("\"kind\":\"BIG_DEAL_WON\"", "5,000,000.00 CNY");
            session.disconnect();
        }
    }

    private void awaitAlert(OpportunityChanged event) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM alerts WHERE dedupe_key = ?")
                .param(BigDealRule.dedupeKey(event)).query(Long.class).single() == 1);
    }

    private long alertsOf(String user) {
        return jdbc.sql("SELECT count(*) FROM alerts WHERE user_id = ?").param(user).query(Long.class).single();
    }

    private JsonNode inbox(String user) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + port + "/notifier/v1/inbox"))
                .header("Authorization", "Bearer " + TestTokens.token(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void send(OpportunityChanged event) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, event.aggregateId().toString(),
                    CloudEventCodec.encode(event, "/pulse/api"))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}
