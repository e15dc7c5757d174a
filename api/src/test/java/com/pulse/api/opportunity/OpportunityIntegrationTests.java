package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The opportunity API on devstack's Postgres and Kafka: what a change stores and what it
 * publishes, optimistic locking, all-or-nothing transactions and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OpportunityIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OpportunityIntegrationTests.class);
    static final String URL = "/api/v1/opportunities";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        // Notifications must do the work in these tests; the poll is only a safety net.
        registry.add("pulse.api.outbox.poll-interval", () -> "30s");
    }

    static KafkaConsumer<String, byte[]> consumer;
    /** Every record seen so far, with the time it was received. */
    static final List<Received> received = new ArrayList<>();

    record Received(ConsumerRecord<String, byte[]> record, OpportunityChanged event, long atNanos) {
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @BeforeAll
    static void subscribe() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, NS.topicPrefix() + ".api-tests");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // The API creates the topic after the consumer subscribed; notice it quickly.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.OPPORTUNITIES.qualified(NS.topicPrefix())));
    }

    @AfterAll
    static void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        // The build machine may be busy with other builds: allow for slow responses, measure rather than time out.
        http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static void poll(Duration timeout) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(timeout)) {
            received.add(new Received(r, CloudEventCodec.decode(r.value(), OpportunityChanged.class), System.nanoTime()));
        }
    }

    private static Received awaitEvent(UUID id, long version) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (Received r : received) {
                if (r.event().aggregateId().equals(id) && r.event().aggregateVersion() == version) {
                    return r;
                }
            }
            poll(Duration.ofMillis(5));
        }
        throw new AssertionError("no event for " + id + " v" + version + " within 30 s");
    }

    private UUID anAccountWithOwner() {
        UUID user = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        db.sql("INSERT INTO users (id, name, email) VALUES (:id, 'Li Wei', :email)")
                .bind("id", user).bind("email", user + "@pulse.example").then().block();
        db.sql("INSERT INTO accounts (id, name, tier, owner_id) VALUES (:id, 'Shanghai Precision Technology', 'A', :owner)")
                .bind("id", account).bind("owner", user).then().block();
        return account;
    }

    private OpportunityResource create(String json) {
        return http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isCreated()
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        // given
        UUID account = anAccountWithOwner();
        // when
        EntityExchangeResult<OpportunityResource> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"name": "ERP rollout", "amount": 1234.5, "currency": "USD", "stage": "PROPOSAL",
                         "expectedCloseDate": "2027-03-31", "accountId": "%s"}""".formatted(account))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(OpportunityResource.class).returnResult();
        OpportunityResource body = result.getResponseBody();
        // then
        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body.amountBase()).isEqualByComparingTo("8764.95"); // 1234.50 × 7.10
        assertThat(body.probability()).isEqualTo(60);
        assertThat(body.forecastCategory()).isEqualTo("BEST_CASE");

        Received received = awaitEvent(body.id(), 1);
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(header(received, "ce_type")).isEqualTo(OpportunityChanged.TYPE);
        assertThat(header(received, "ce_id")).isEqualTo(received.event().eventId().toString());
        assertThat(header(received, "content-type")).isEqualTo("application/cloudevents+json");
        assertThat(received.record().partition()).isBetween(0, 2);

        OpportunityChanged event = received.event();
        assertThat(event.operation()).isEqualTo(Operation.CREATED);
        assertThat(event.actor()).isEqualTo("anonymous");
        // Amounts compare by value: the CloudEvents JSON reader does not keep a number's scale.
        assertThat(event.snapshot()).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(new OpportunitySnapshot(body.id(), account, null, "ERP rollout", "PROPOSAL",
                new BigDecimal("1234.50"), "USD", new BigDecimal("8764.95"), 60, "BEST_CASE", LocalDate.of(2027, 3, 31),
                null, body.createdAt(), body.updatedAt(), false, 1));

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(OpportunityResource.class).isEqualTo(body);
    }

    @Test
    void movingTheStagePublishesVersionTwoAndRecordsHistory() {
        OpportunityResource created = create("{\"name\": \"Data platform\", \"amount\": 500000}");

        OpportunityResource moved = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"stage\": \"NEGOTIATION\"}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();

        assertThat(moved.version()).isEqualTo(2);
        assertThat(moved.probability()).isEqualTo(80);
        OpportunityChanged event = awaitEvent(created.id(), 2).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot().stage()).isEqualTo("NEGOTIATION");
        assertThat(event.snapshot().forecastCategory()).isEqualTo("COMMIT");
        assertThat(event.snapshot().version()).isEqualTo(2);
        assertThat(event.snapshot().createdAt()).isEqualTo(created.createdAt());

        List<String> changed = db.sql("SELECT field || ':' || coalesce(old_value, '') || '>' || new_value AS c "
                        + "FROM opportunity_history WHERE opportunity_id = :id AND version = 2 ORDER BY id")
                .bind("id", created.id()).map(r -> r.get("c", String.class)).all().collectList().block();
        assertThat(changed).containsExactly("stage:PROSPECTING>NEGOTIATION", "probability:10>80",
                "forecastCategory:PIPELINE>COMMIT");

        OpportunityResource won = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"CLOSED_WON\", \"version\": 2}").exchange()
                .expectStatus().isOk()
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
        assertThat(won.closedAt()).isNotNull();
        assertThat(awaitEvent(created.id(), 3).event().snapshot().closedAt()).isEqualTo(won.closedAt());
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        OpportunityResource created = create("{\"name\": \"Support renewal\", \"amount\": 9000}");
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 9500, \"version\": 1}").exchange().expectStatus().isOk();

        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue("{\"amount\": 1}").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 1, \"version\": 1}").exchange()
                .expectStatus().isEqualTo(409);

        OpportunityResource now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.amount()).isEqualByComparingTo("9500");
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void unknownIdsAndCurrenciesAreProblemsNotErrors() {
        http.get().uri(URL + "/" + UUID.randomUUID()).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.patch().uri(URL + "/" + UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"PROPOSAL\"}").exchange().expectStatus().isNotFound();
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Deal\", \"amount\": 1, \"currency\": \"XYZ\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("currency");
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Deal\", \"amount\": 1, \"ownerId\": \"" + UUID.randomUUID() + "\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        OpportunityResource existing = create("{\"name\": \"Hardware refresh\", \"amount\": 100}");
        long opportunities = count("SELECT count(*) FROM opportunities");
        long history = count("SELECT count(*) FROM opportunity_history");
        long outbox = count("SELECT count(*) FROM outbox");
        // The outbox insert is the last statement of a change: make it fail.
        db.sql("""
                CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'outbox refused by test'; END; $$""").then().block();
        db.sql("CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION refuse_outbox()")
                .then().block();
        try {
            http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\": \"Never stored\", \"amount\": 100}").exchange()
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).doesNotContain("refused"));
            http.patch().uri(URL + "/" + existing.id()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"stage\": \"CLOSED_LOST\"}").exchange()
                    .expectStatus().is5xxServerError();
        } finally {
            db.sql("DROP TRIGGER refuse_outbox ON outbox").then().block();
            db.sql("DROP FUNCTION refuse_outbox()").then().block();
        }

        assertThat(count("SELECT count(*) FROM opportunities")).isEqualTo(opportunities);
        assertThat(count("SELECT count(*) FROM opportunities WHERE name = 'Never stored'")).isZero();
        assertThat(count("SELECT count(*) FROM opportunity_history")).isEqualTo(history);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(count("SELECT version FROM opportunities WHERE id = '" + existing.id() + "'")).isEqualTo(1);
    }

    @Test
    void listsNewestFirstPageByPage() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(create("{\"name\": \"Lost deal " + i + "\", \"amount\": 10, \"stage\": \"CLOSED_LOST\"}").id());
        }
        List<OpportunityResource> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String uri = URL + "?stage=CLOSED_LOST&limit=2" + (cursor != null ? "&cursor=" + cursor : "");
            OpportunityPage page = http.get().uri(uri).exchange().expectStatus().isOk()
                    .expectBody(OpportunityPage.class).returnResult().getResponseBody();
            seen.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).extracting(OpportunityResource::id).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen).extracting(OpportunityResource::createdAt).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void hostileInputNeverYieldsA5xxAndChangesNothing() {
        OpportunityResource target = create("{\"name\": \"Target\", \"amount\": 1}");
        String fingerprint = "SELECT (SELECT count(*) FROM opportunities) + (SELECT coalesce(sum(version), 0) FROM opportunities)"
                + " + (SELECT count(*) FROM opportunity_history) + (SELECT count(*) FROM outbox)";
        long before = count(fingerprint);

        List<HostileInput.Request> requests = HostileInput.requests(target.id());
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (HostileInput.Request r : requests) {
            // Already-encoded paths, sent as they are (a URI template would expand the braces some contain).
            WebTestClient.RequestBodySpec spec = http.method(r.method()).uri(java.net.URI.create("http://localhost:" + port + r.path()));
            WebTestClient.RequestHeadersSpec<?> ready = r.body() == null ? spec
                    : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(r.body().getBytes(StandardCharsets.UTF_8));
            EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
            int status = result.getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status < 400) {
                failures.add(status + " " + r.method() + " " + r.path() + " " + abbreviate(r.body()));
            }
        }

        System.out.printf("Hostile input: %d requests, statuses %s%n", requests.size(), statuses);
        assertThat(failures).as("requests answered with a 5xx or accepted").isEmpty();
        assertThat(count(fingerprint)).isEqualTo(before);
    }

    /** Measured, not asserted: API response → Kafka record received by a consumer, over stage changes. */
    @Test
    void measuresApiResponseToKafkaLatency() {
        OpportunityResource o = create("{\"name\": \"Latency probe\", \"amount\": 100}");
        awaitEvent(o.id(), 1);
        List<String> cycle = List.of("QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION", "PROSPECTING");
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            http.patch().uri(URL + "/" + o.id()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"stage\": \"" + cycle.get(i % cycle.size()) + "\"}").exchange()
                    .expectStatus().isOk().expectBody().returnResult();
            long responded = System.nanoTime();
            Received r = awaitEvent(o.id(), i + 2);
            micros.add(Math.max(0, (r.atNanos() - responded) / 1000));
        }
        micros.sort(Long::compare);
        Timer lag = meters.find("pulse.outbox.lag").timer();
        System.out.printf("API response -> Kafka consumer latency over %d stage changes: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                micros.size(), micros.get(micros.size() / 2) / 1000.0, micros.get((int) Math.ceil(micros.size() * 0.99) - 1) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0);
        System.out.printf("Outbox insert -> broker ack (pulse.outbox.lag): %d records, mean %.1f ms, max %.1f ms%n",
                lag.count(), lag.mean(java.util.concurrent.TimeUnit.MILLISECONDS), lag.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        assertThat(micros).hasSize(100);
    }

    private static String header(Received r, String name) {
        return new String(r.record().headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
