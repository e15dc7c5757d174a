package com.pulse.api.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.Operation;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.events.Topics;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The target API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.targets.v1, one live target per scope × period × metric, the recycle bin, optimistic
 * locking, all-or-nothing transactions, list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TargetIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TargetIntegrationTests.class);
    static final String URL = "/api/v1/targets";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    static EventTap events;

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

    EntityClient api;

    @BeforeEach
    void client() {
        api = new EntityClient(http, db, URL);
        http = api.http();
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".target-tests", Topics.TARGETS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<TargetSnapshot> items, String nextCursor) {
    }

    private TargetSnapshot create(String json) {
        return api.create(json, TargetSnapshot.class);
    }

    private UUID aTeam(String name) {
        UUID team = UUID.randomUUID();
        db.sql("INSERT INTO teams (id, name) VALUES (:id, :name)").bind("id", team).bind("name", name).then().block();
        return team;
    }

    private static String target(String scopeType, UUID scope, String periodType, String period, String metric, String value) {
        return """
                {"scopeType": "%s", "scopeId": "%s", "periodType": "%s", "period": "%s", "metric": "%s", "value": %s}"""
                .formatted(scopeType, scope, periodType, period, metric, value);
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    private static void assertSameTarget(TargetSnapshot actual, TargetSnapshot expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID team = aTeam("East China");

        EntityExchangeResult<TargetSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(target("TEAM", team, "QUARTER", "2027-Q1", "WON_AMOUNT", "1500000.5"))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(TargetSnapshot.class).returnResult();
        TargetSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertSameTarget(body, new TargetSnapshot(body.id(), "TEAM", team, "QUARTER", "2027-Q1", "WON_AMOUNT",
                new BigDecimal("1500000.50"), body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<TargetChanged> received = events.await(body.id(), 1, TargetChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.targets.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(TargetChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().snapshot().value()).isEqualTo(new BigDecimal("1500000.50"));
        assertSameTarget(received.event().snapshot(), body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"");
        assertThat(api.history(body.id(), 1)).containsExactly("scopeType:>TEAM", "scopeId:>" + team, "periodType:>QUARTER",
                "period:>2027-Q1", "metric:>WON_AMOUNT", "value:>1500000.50");
    }

    @Test
    void updatingTheValuePublishesVersionTwo() {
        UUID user = api.aUser("Tang Wei");
        TargetSnapshot created = create(target("USER", user, "MONTH", "2027-01", "ACTIVITIES", "40"));

        TargetSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue("{\"value\": 60}").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(TargetSnapshot.class).returnResult().getResponseBody();

        TargetChanged event = events.await(created.id(), 2, TargetChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertSameTarget(event.snapshot(), updated);
        assertThat(api.history(created.id(), 2)).containsExactly("value:40.00>60.00");
        api.patch(created.id(), "{\"value\": 60.5}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("value");
        api.patch(created.id(), "{\"period\": \"2027-02\"}").expectStatus().isBadRequest();
    }

    @Test
    void aSecondTargetForTheSameScopePeriodAndMetricIsAConflictNamingTheFirst() {
        UUID user = api.aUser("Yang Fan");
        TargetSnapshot first = create(target("USER", user, "YEAR", "2027", "NEW_LEADS", "300"));
        long rows = api.count("SELECT count(*) FROM targets");

        api.post(target("USER", user, "YEAR", "2027", "NEW_LEADS", "500")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(first.id().toString()));
        assertThat(api.count("SELECT count(*) FROM targets")).isEqualTo(rows);
        // Another metric, period or scope is another target.
        create(target("USER", user, "YEAR", "2027", "NEW_CUSTOMERS", "20"));
        create(target("USER", user, "YEAR", "2028", "NEW_LEADS", "300"));
        create(target("USER", api.aUser("Other"), "YEAR", "2027", "NEW_LEADS", "300"));

        // Once the first is in the recycle bin a new one may take its place; the first cannot come back then.
        http.delete().uri(URL + "/" + first.id()).exchange().expectStatus().isOk();
        TargetSnapshot second = create(target("USER", user, "YEAR", "2027", "NEW_LEADS", "500"));
        http.post().uri(URL + "/" + first.id() + "/restore").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.detail").value(d -> assertThat(d.toString()).contains(second.id().toString()));
        http.delete().uri(URL + "/" + second.id()).exchange().expectStatus().isOk();
        TargetSnapshot restored = http.post().uri(URL + "/" + first.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(TargetSnapshot.class).returnResult().getResponseBody();
        TargetChanged restoration = events.await(first.id(), 3, TargetChanged.class).event();
        assertThat(events.await(first.id(), 2, TargetChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertSameTarget(restoration.snapshot(), restored);
        assertThat(api.history(first.id(), 3)).containsExactly("deleted:true>false");
        http.get().uri(URL + "/" + second.id()).exchange().expectStatus().isNotFound();
    }

    @Test
    void racingCreatesOfOneTargetMakeOneTargetAndConflicts() {
        UUID user = api.aUser("Racer");
        String body = target("USER", user, "MONTH", "2027-06", "WON_AMOUNT", "10");
        List<java.util.concurrent.CompletableFuture<Integer>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> api.post(body).expectBody().returnResult().getStatus().value()));
        }
        List<Integer> statuses = racers.stream().map(java.util.concurrent.CompletableFuture::join).toList();

        assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        assertThat(api.count("SELECT count(*) FROM targets WHERE scope_id = '" + user + "'")).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM outbox o JOIN targets t ON o.aggregate_id = t.id WHERE t.scope_id = '"
                + user + "'")).isEqualTo(1);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        TargetSnapshot created = create(target("USER", api.aUser("Song Yi"), "MONTH", "2027-03", "COLLECTED_AMOUNT", "1000"));
        api.patch(created.id(), "{\"value\": 2000, \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"value\": 3000, \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        TargetSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(TargetSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.value()).isEqualByComparingTo("2000");
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void theScopeMustBeAnExistingTeamOrUser() {
        UUID user = api.aUser("Scope User");
        UUID team = aTeam("Scope Team");
        api.post(target("TEAM", user, "YEAR", "2027", "WON_AMOUNT", "1")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scopeId");
        api.post(target("USER", team, "YEAR", "2027", "WON_AMOUNT", "1")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scopeId");
        api.post(target("USER", UUID.randomUUID(), "YEAR", "2027", "WON_AMOUNT", "1")).expectStatus().isBadRequest();
        api.post("{\"scopeType\": \"USER\", \"scopeId\": \"" + user + "\", \"period\": \"2027\", \"metric\": \"NEW_LEADS\", \"value\": 1}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("periodType");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            month for a year         | USER  | YEAR    | 2027-01 | WON_AMOUNT    | 1     | period
            year for a quarter       | USER  | QUARTER | 2027    | WON_AMOUNT    | 1     | period
            quarter 5                | USER  | QUARTER | 2027-Q5 | WON_AMOUNT    | 1     | period
            month 13                 | USER  | MONTH   | 2027-13 | WON_AMOUNT    | 1     | period
            month without zero       | USER  | MONTH   | 2027-1  | WON_AMOUNT    | 1     | period
            unknown period type      | USER  | WEEK    | 2027-W1 | WON_AMOUNT    | 1     | periodType
            unknown scope type       | SHOP  | YEAR    | 2027    | WON_AMOUNT    | 1     | scopeType
            unknown metric           | USER  | YEAR    | 2027    | PROFIT        | 1     | metric
            negative value           | USER  | YEAR    | 2027    | WON_AMOUNT    | -1    | value
            three decimals           | USER  | YEAR    | 2027    | WON_AMOUNT    | 1.005 | value
            fraction of a count      | USER  | YEAR    | 2027    | NEW_CUSTOMERS | 2.5   | value
            value as a string        | USER  | YEAR    | 2027    | WON_AMOUNT    | "5"   | value
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String scopeType, String periodType, String period, String metric,
                                                String value, String expected) {
        api.post(target(scopeType, api.aUser("Invalid"), periodType, period, metric, value)).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        UUID user = api.aUser("Rollback Probe");
        TargetSnapshot existing = create(target("USER", user, "YEAR", "2030", "WON_AMOUNT", "10"));
        long rows = api.count("SELECT count(*) FROM targets");
        long history = api.count("SELECT count(*) FROM target_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post(target("USER", user, "YEAR", "2031", "WON_AMOUNT", "10")).expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"value\": 20}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM targets")).isEqualTo(rows);
        assertThat(api.count("SELECT count(*) FROM targets WHERE period = '2031'")).isZero();
        assertThat(api.count("SELECT count(*) FROM target_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM targets WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND value = 10"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterAndPageWithACursor() {
        UUID user = api.aUser("Filter User");
        UUID team = aTeam("Filter Team");
        List<TargetSnapshot> mine = new ArrayList<>();
        for (String[] t : new String[][] {{"YEAR", "2027", "WON_AMOUNT"}, {"QUARTER", "2027-Q2", "WON_AMOUNT"},
                {"MONTH", "2027-05", "ACTIVITIES"}, {"QUARTER", "2027-Q1", "WON_AMOUNT"}, {"YEAR", "2028", "NEW_LEADS"}}) {
            mine.add(create(target("USER", user, t[0], t[1], t[2], "100")));
        }
        create(target("TEAM", team, "YEAR", "2027", "WON_AMOUNT", "1000"));

        assertThat(page("scopeId=" + user).items()).extracting(TargetSnapshot::period)
                .containsExactly("2028", "2027-Q1", "2027-05", "2027-Q2", "2027"); // newest first by default
        assertThat(page("scopeId=" + user + "&metric=WON_AMOUNT&sort=name").items()).extracting(TargetSnapshot::period)
                .containsExactly("2027", "2027-Q1", "2027-Q2");
        assertThat(page("scopeId=" + user + "&periodType=QUARTER&sort=name").items()).extracting(TargetSnapshot::period)
                .containsExactly("2027-Q1", "2027-Q2");
        assertThat(page("scopeType=TEAM&scopeId=" + team + "&period=2027").items()).hasSize(1);
        assertThat(page("scopeId=" + user + "&q=2027&sort=name").items()).hasSize(4);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("scopeId=" + user + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(t -> walked.add(t.period()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactly("2027", "2027-05", "2027-Q1", "2027-Q2", "2028");
        assertThat(pages).isEqualTo(3);

        List<UUID> oldestFirst = new ArrayList<>();
        cursor = null;
        do {
            Page p = page("scopeId=" + user + "&order=asc&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(t -> oldestFirst.add(t.id()));
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(oldestFirst).isEqualTo(mine.stream().map(TargetSnapshot::id).toList());
        http.get().uri(URL + "?scopeType=SHOP&period=2027-Q9&metric=PROFIT").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("scopeType", "period", "metric"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        UUID user = api.aUser("Hostile Scope");
        TargetSnapshot existing = create(target("USER", user, "YEAR", "2029", "WON_AMOUNT", "5"));
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("period", "\"2040\"");
        valid.put("scopeType", "\"USER\"");
        valid.put("scopeId", "\"" + user + "\"");
        valid.put("periodType", "\"YEAR\"");
        valid.put("metric", "\"WON_AMOUNT\"");
        valid.put("value", "100");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("period", "scopeType", "scopeId", "periodType", "metric", "value"),
                (field, value) -> field.equals("value") && value.equals("1.5"),
                List.of("scopeType", "scopeId", "periodType", "period", "metric", "q", "sort", "order"),
                Map.entry("value", "-1"));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM targets) * 1000000 + (SELECT count(*) FROM target_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM targets) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
