package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Role;
import com.pulse.api.security.Tokens;
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

    WebTestClient http;

    @Autowired
    Tokens tokens;

    /** Every request carries an administrator's token (ADMIN may read and change everything). */
    @Autowired
    void signIn(WebTestClient client, Tokens tokens) {
        http = tokens.admin(client);
    }

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
        assertThat(event.actor()).isEqualTo(tokens.adminId().toString());
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
        OutboxRefusal.during(db, () -> {
            http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"name\": \"Never stored\", \"amount\": 100}").exchange()
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).doesNotContain("refused"));
            http.patch().uri(URL + "/" + existing.id()).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"stage\": \"CLOSED_LOST\"}").exchange()
                    .expectStatus().is5xxServerError();
        });

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
                + " + (SELECT count(*) FROM opportunity_history) + (SELECT count(*) FROM outbox)"
                + " + (SELECT count(*) FROM idempotency_keys) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NOT NULL)";
        long before = count(fingerprint);

        List<HostileInput.Request> requests = HostileInput.requests(target.id());
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (HostileInput.Request r : requests) {
            // Already-encoded paths, sent as they are (a URI template would expand the braces some contain).
            WebTestClient.RequestBodySpec spec = http.method(r.method()).uri(java.net.URI.create("http://localhost:" + port + r.path()));
            r.headers().forEach(spec::header);
            WebTestClient.RequestHeadersSpec<?> ready = r.body() == null ? spec
                    : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(r.body().getBytes(StandardCharsets.UTF_8));
            EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
            int status = result.getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status < 400) {
                failures.add(status + " " + r.method() + " " + r.path() + " " + r.headers().keySet() + " " + abbreviate(r.body()));
            }
        }

        System.out.printf("Hostile input: %d requests, statuses %s%n", requests.size(), statuses);
        assertThat(failures).as("requests answered with a 5xx or accepted").isEmpty();
        assertThat(count(fingerprint)).isEqualTo(before);
    }

    private OpportunityResource moveStage(UUID id, String json) {
        return http.post().uri(URL + "/" + id + "/stage").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isOk()
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
    }

    private List<UUID> listIds(String query) {
        OpportunityPage page = http.get().uri(URL + "?limit=200" + query).exchange().expectStatus().isOk()
                .expectBody(OpportunityPage.class).returnResult().getResponseBody();
        return page.items().stream().map(OpportunityResource::id).toList();
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        OpportunityResource created = create("{\"name\": \"Recycled deal\", \"amount\": 700}");
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"PROPOSAL\"}").exchange().expectStatus().isOk();

        // A stale If-Match changes nothing.
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"2\"").exchange()
                .expectStatus().isNoContent()
                .expectHeader().valueEquals("ETag", "\"3\"");

        OpportunityChanged deleted = awaitEvent(created.id(), 3).event();
        assertThat(deleted.operation()).isEqualTo(Operation.DELETED);
        assertThat(deleted.snapshot().deleted()).isTrue();
        assertThat(deleted.snapshot().version()).isEqualTo(3);
        assertThat(deleted.snapshot().stage()).isEqualTo("PROPOSAL");

        http.get().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 1}").exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + created.id() + "/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"NEGOTIATION\"}").exchange().expectStatus().isNotFound();
        assertThat(listIds("")).doesNotContain(created.id());
        assertThat(listIds("&deleted=false")).doesNotContain(created.id());
        assertThat(listIds("&deleted=true")).contains(created.id());
        assertThat(listIds("&deleted=true&stage=PROPOSAL")).contains(created.id());

        http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("already in the recycle bin"));
        http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.currentVersion").isEqualTo(3);

        OpportunityResource restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"3\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"4\"")
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
        assertThat(restored.version()).isEqualTo(4);
        assertThat(restored.stage()).isEqualTo("PROPOSAL");
        OpportunityChanged back = awaitEvent(created.id(), 4).event();
        assertThat(back.operation()).isEqualTo(Operation.RESTORED);
        assertThat(back.snapshot().deleted()).isFalse();

        http.post().uri(URL + "/" + created.id() + "/restore").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains("not in the recycle bin"));
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isOk()
                .expectBody(OpportunityResource.class).isEqualTo(restored);
        assertThat(listIds("")).contains(created.id());
        assertThat(listIds("&deleted=true")).doesNotContain(created.id());
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(4);
        http.delete().uri(URL + "/" + UUID.randomUUID()).exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + UUID.randomUUID() + "/restore").exchange().expectStatus().isNotFound();
    }

    @Test
    void theStageEndpointMovesLikeAPatchAndKeepsTheLostReason() {
        OpportunityResource created = create("{\"name\": \"Fleet tracking\", \"amount\": 12000}");

        OpportunityResource lost = moveStage(created.id(), "{\"stage\": \"CLOSED_LOST\", \"lostReason\": \"Chose a competitor\"}");
        assertThat(lost.version()).isEqualTo(2);
        assertThat(lost.closedAt()).isNotNull();
        assertThat(lost.probability()).isZero();
        assertThat(lost.lostReason()).isEqualTo("Chose a competitor");
        OpportunityChanged event = awaitEvent(created.id(), 2).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot().stage()).isEqualTo("CLOSED_LOST");
        assertThat(event.snapshot().closedAt()).isEqualTo(lost.closedAt());

        // Another change keeps the reason; reopening clears it and closedAt.
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"amount\": 11000}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.lostReason").isEqualTo("Chose a competitor");
        http.post().uri(URL + "/" + created.id() + "/stage").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"2\"")
                .bodyValue("{\"stage\": \"PROSPECTING\"}").exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.currentVersion").isEqualTo(3);
        OpportunityResource reopened = moveStage(created.id(), "{\"stage\": \"QUALIFICATION\", \"probability\": 35, \"version\": 3}");
        assertThat(reopened.version()).isEqualTo(4);
        assertThat(reopened.lostReason()).isNull();
        assertThat(reopened.closedAt()).isNull();
        assertThat(reopened.probability()).isEqualTo(35);
        assertThat(reopened.forecastCategory()).isEqualTo("PIPELINE");

        http.post().uri(URL + "/" + created.id() + "/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"CLOSED_WON\", \"lostReason\": \"n/a\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lostReason");
        http.post().uri(URL + "/" + created.id() + "/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("stage");
        assertThat(count("SELECT version FROM opportunities WHERE id = '" + created.id() + "'")).isEqualTo(4);
    }

    @Test
    void historyListsEveryChangeInVersionAndFieldOrder() {
        OpportunityResource created = create("{\"name\": \"Audited deal\", \"amount\": 50, \"currency\": \"USD\"}");
        moveStage(created.id(), "{\"stage\": \"CLOSED_LOST\", \"lostReason\": \"No budget\"}");
        http.delete().uri(URL + "/" + created.id()).exchange().expectStatus().isNoContent();
        // The history of an opportunity in the recycle bin stays readable.
        http.get().uri(URL + "/" + created.id() + "/history").exchange().expectStatus().isOk();
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isOk();
        // Back to the bin, so no live CLOSED_LOST deal is left for the list test to find.
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"4\"").exchange().expectStatus().isNoContent();

        List<Map<String, Object>> history = http.get().uri(URL + "/" + created.id() + "/history").exchange()
                .expectStatus().isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .returnResult().getResponseBody();
        List<String> lines = history.stream()
                .map(h -> h.get("version") + " " + h.get("field") + ":" + h.get("from") + ">" + h.get("to"))
                .toList();
        assertThat(lines).containsExactly(
                "1 amount:null>50.00", "1 amountBase:null>355.00", "1 currency:null>USD", "1 forecastCategory:null>PIPELINE",
                "1 name:null>Audited deal", "1 probability:null>10", "1 stage:null>PROSPECTING",
                "2 closedAt:null>" + history.stream().filter(h -> "closedAt".equals(h.get("field"))).findFirst().orElseThrow().get("to"),
                "2 forecastCategory:PIPELINE>OMITTED", "2 lostReason:null>No budget", "2 probability:10>0",
                "2 stage:PROSPECTING>CLOSED_LOST",
                "3 deleted:false>true",
                "4 deleted:true>false",
                "5 deleted:false>true");
        assertThat(history).allSatisfy(h -> {
            assertThat(h.get("actor")).isEqualTo(tokens.adminId().toString());
            assertThat(Instant.parse(h.get("at").toString())).isAfterOrEqualTo(created.createdAt());
        });
        http.get().uri(URL + "/" + UUID.randomUUID() + "/history").exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private WebTestClient.ResponseSpec createWithKey(String key, String json) {
        return http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .bodyValue(json).exchange();
    }

    @Test
    void aRetriedCreateWithTheSameIdempotencyKeyReturnsTheFirstResult() {
        String key = "retry-" + UUID.randomUUID();
        OpportunityResource first = createWithKey(key, "{\"name\": \"Idempotent deal\", \"amount\": 100}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
        // The same values written differently are the same request.
        OpportunityResource again = createWithKey(key, "{\"amount\": 100.00, \"name\": \"Idempotent deal\"}")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().location(URL + "/" + first.id())
                .expectBody(OpportunityResource.class).returnResult().getResponseBody();
        assertThat(again).isEqualTo(first);

        createWithKey(key, "{\"name\": \"Idempotent deal\", \"amount\": 101}")
                .expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(422);
        // An invalid body with a fresh key stores no key, so the key stays usable.
        String fresh = "fresh-" + UUID.randomUUID();
        createWithKey(fresh, "{\"name\": \"Idempotent deal\", \"amount\": -1}").expectStatus().isBadRequest();
        createWithKey(fresh, "{\"name\": \"Second idempotent deal\", \"amount\": 1}").expectStatus().isCreated();

        assertThat(count("SELECT count(*) FROM opportunities WHERE name = 'Idempotent deal'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + first.id() + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM opportunity_history WHERE opportunity_id = '" + first.id() + "'")).isEqualTo(7);
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE key IN ('" + key + "', '" + fresh + "')")).isEqualTo(2);
        awaitEvent(first.id(), 1);
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneOpportunity() {
        String key = "parallel-" + UUID.randomUUID();
        org.springframework.web.reactive.function.client.WebClient client =
                org.springframework.web.reactive.function.client.WebClient.builder().baseUrl("http://localhost:" + port)
                        .defaultHeader("Authorization", "Bearer " + tokens.token(tokens.adminId(), null, Role.ADMIN)).build();
        List<org.springframework.http.ResponseEntity<OpportunityResource>> responses = reactor.core.publisher.Flux.range(0, 8)
                .flatMap(i -> client.post().uri(URL).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                        .bodyValue("{\"name\": \"Parallel deal\", \"amount\": 42}")
                        .retrieve().toEntity(OpportunityResource.class), 8)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(responses).hasSize(8).allSatisfy(r -> assertThat(r.getStatusCode().value()).isEqualTo(201));
        assertThat(responses).extracting(r -> r.getBody().id()).containsOnly(responses.get(0).getBody().id());
        assertThat(responses).filteredOn(r -> "false".equals(r.getHeaders().getFirst("Idempotent-Replayed"))).hasSize(1);
        assertThat(count("SELECT count(*) FROM opportunities WHERE name = 'Parallel deal'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + responses.get(0).getBody().id() + "'")).isEqualTo(1);
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
