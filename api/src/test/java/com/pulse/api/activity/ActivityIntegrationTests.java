package com.pulse.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.ActivityChanged;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The activity API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.activities.v1, completion, the recycle bin, optimistic locking, references, all-or-nothing
 * transactions, list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ActivityIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ActivityIntegrationTests.class);
    static final String URL = "/api/v1/activities";

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
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".activity-tests", Topics.ACTIVITIES.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<ActivitySnapshot> items, String nextCursor) {
    }

    private ActivitySnapshot create(String json) {
        return api.create(json, ActivitySnapshot.class);
    }

    private UUID created(String url, String json) {
        return UUID.fromString(http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
    }

    private UUID anAccount() {
        return created("/api/v1/accounts", "{\"name\": \"Activity Test Account\"}");
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID account = anAccount();
        UUID contact = created("/api/v1/contacts", "{\"accountId\": \"" + account + "\", \"name\": \"王芳\"}");
        UUID opportunity = created("/api/v1/opportunities", "{\"name\": \"Pumps 2027\", \"amount\": 120000, \"accountId\": \"" + account + "\"}");
        UUID owner = api.aUser("Chen Jing");

        EntityExchangeResult<ActivitySnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"type": "VISIT", "subject": " Site visit Suzhou ", "notes": "Bring samples.\\nMeet the plant manager.",
                         "accountId": "%s", "contactId": "%s", "opportunityId": "%s", "dueAt": "2027-03-01T02:00:00.1234567Z",
                         "ownerId": "%s"}""".formatted(account, contact, opportunity, owner))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(ActivitySnapshot.class).returnResult();
        ActivitySnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new ActivitySnapshot(body.id(), "VISIT", "Site visit Suzhou", "Bring samples.\nMeet the plant manager.",
                account, contact, opportunity, Instant.parse("2027-03-01T02:00:00.123456Z"), null, owner,
                body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<ActivityChanged> received = events.await(body.id(), 1, ActivityChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.activities.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(ActivityChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().actor()).isEqualTo(tokens.adminId().toString());
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(ActivitySnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).hasSize(8).contains("type:>VISIT", "ownerId:>" + owner);
    }

    @Test
    void updatingAndCompletingPublishNewVersionsAndRecordEachChangedField() {
        UUID account = anAccount();
        ActivitySnapshot created = create("{\"type\": \"CALL\", \"subject\": \"Follow-up\", \"accountId\": \"" + account + "\"}");

        ActivitySnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"type\": \"MEETING\", \"subject\": \"Follow-up\", \"dueAt\": \"2027-01-05T08:00:00Z\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(ActivitySnapshot.class).returnResult().getResponseBody();
        ActivityChanged event = events.await(created.id(), 2, ActivityChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("type:CALL>MEETING", "dueAt:>2027-01-05T08:00:00Z");

        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ActivitySnapshot done = http.post().uri(URL + "/" + created.id() + "/complete").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(ActivitySnapshot.class).returnResult().getResponseBody();
        assertThat(done.completedAt()).isBetween(before, Instant.now());
        assertThat(events.await(created.id(), 3, ActivityChanged.class).event().snapshot()).isEqualTo(done);
        assertThat(api.history(created.id(), 3)).containsExactly("completedAt:>" + done.completedAt());

        http.post().uri(URL + "/" + created.id() + "/complete").exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.patch(created.id(), "{\"completedAt\": \"" + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("completedAt");
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        UUID account = anAccount();
        ActivitySnapshot created = create("{\"type\": \"EMAIL\", \"subject\": \"Quote sent\", \"accountId\": \"" + account + "\"}");

        ActivitySnapshot deleted = http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isOk().expectBody(ActivitySnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(created.id(), 2, ActivityChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + created.id() + "/complete").exchange().expectStatus().isNotFound();
        assertThat(page("accountId=" + account).items()).isEmpty();

        ActivitySnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(ActivitySnapshot.class).returnResult().getResponseBody();
        ActivityChanged restoration = events.await(created.id(), 3, ActivityChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("accountId=" + account).items()).extracting(ActivitySnapshot::id).containsExactly(created.id());
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        ActivitySnapshot created = create("{\"type\": \"CALL\", \"subject\": \"Intro\", \"accountId\": \"" + anAccount() + "\"}");
        api.patch(created.id(), "{\"notes\": \"first\", \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"notes\": \"second\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.post().uri(URL + "/" + created.id() + "/complete").header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        ActivitySnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(ActivitySnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.notes()).isEqualTo("first");
        assertThat(now.completedAt()).isNull();
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void relatedRecordsMustExistAndBeLive() {
        UUID binned = anAccount();
        http.delete().uri("/api/v1/accounts/" + binned).exchange().expectStatus().isOk();

        api.post("{\"type\": \"CALL\", \"subject\": \"Nothing related\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        api.post("{\"type\": \"CALL\", \"subject\": \"x\", \"accountId\": \"" + binned + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        api.post("{\"type\": \"CALL\", \"subject\": \"x\", \"contactId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contactId");
        api.post("{\"type\": \"CALL\", \"subject\": \"x\", \"opportunityId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("opportunityId");
        api.post("{\"type\": \"CALL\", \"subject\": \"x\", \"accountId\": \"" + anAccount() + "\", \"ownerId\": \"" + UUID.randomUUID() + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
        ActivitySnapshot created = create("{\"type\": \"CALL\", \"subject\": \"Movable\", \"accountId\": \"" + anAccount() + "\"}");
        api.patch(created.id(), "{\"accountId\": \"" + binned + "\"}").expectStatus().isBadRequest();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown type              | "type": "LUNCH", "subject": "x"                     | type
            missing type              | "subject": "x"                                      | type
            missing subject           | "type": "CALL"                                      | subject
            blank subject             | "type": "CALL", "subject": "  "                     | subject
            completed in the future   | "type": "CALL", "subject": "x", "completedAt": "2099-01-01T00:00:00Z" | completedAt
            completed in 1970         | "type": "CALL", "subject": "x", "completedAt": "1970-01-01T00:00:00Z" | completedAt
            unknown field             | "type": "CALL", "subject": "x", "priority": 1        | priority
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String fields, String expected) {
        api.post("{\"accountId\": \"" + UUID.randomUUID() + "\", " + fields + "}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void notesMayHoldTenThousandCharactersButNoMore() {
        UUID account = anAccount();
        create("{\"type\": \"CALL\", \"subject\": \"Long\", \"accountId\": \"" + account + "\", \"notes\": \"" + "n".repeat(10_000) + "\"}");
        api.post("{\"type\": \"CALL\", \"subject\": \"Longer\", \"accountId\": \"" + account + "\", \"notes\": \"" + "n".repeat(10_001) + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("notes");
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        UUID account = anAccount();
        ActivitySnapshot existing = create("{\"type\": \"CALL\", \"subject\": \"Rollback Probe\", \"accountId\": \"" + account + "\"}");
        long rows = api.count("SELECT count(*) FROM activities");
        long history = api.count("SELECT count(*) FROM activity_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"type\": \"CALL\", \"subject\": \"Never stored\", \"accountId\": \"" + account + "\"}")
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"notes\": \"Changed\"}").expectStatus().is5xxServerError();
            http.post().uri(URL + "/" + existing.id() + "/complete").exchange().expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM activities")).isEqualTo(rows);
        assertThat(api.count("SELECT count(*) FROM activities WHERE subject = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM activity_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM activities WHERE id = '" + existing.id()
                + "' AND deleted_at IS NULL AND notes IS NULL AND completed_at IS NULL")).isEqualTo(1);
    }

    @Test
    void listsFilterAndPageWithACursor() {
        UUID account = anAccount();
        UUID opportunity = created("/api/v1/opportunities", "{\"name\": \"Valves\", \"amount\": 5000}");
        UUID owner = api.aUser("Liu Yang");
        List<ActivitySnapshot> all = new ArrayList<>();
        String[][] rows = {
                {"CALL", "b call", "2027-01-10T00:00:00Z"}, {"VISIT", "a visit", "2027-01-20T00:00:00Z"},
                {"CALL", "d call", "2027-02-10T00:00:00Z"}, {"EMAIL", "c mail", "2027-03-01T00:00:00Z"},
                {"MEETING", "e meeting", "2027-03-15T00:00:00Z"}};
        for (String[] r : rows) {
            all.add(create("{\"type\": \"" + r[0] + "\", \"subject\": \"" + r[1] + "\", \"accountId\": \"" + account
                    + "\", \"dueAt\": \"" + r[2] + "\", \"ownerId\": \"" + owner + "\"}"));
        }
        create("{\"type\": \"CALL\", \"subject\": \"elsewhere\", \"opportunityId\": \"" + opportunity + "\"}");
        http.post().uri(URL + "/" + all.get(0).id() + "/complete").exchange().expectStatus().isOk();
        http.post().uri(URL + "/" + all.get(3).id() + "/complete").exchange().expectStatus().isOk();

        assertThat(page("accountId=" + account).items()).extracting(ActivitySnapshot::subject)
                .containsExactly("e meeting", "c mail", "d call", "a visit", "b call"); // newest first by default
        assertThat(page("accountId=" + account + "&type=CALL&sort=name").items()).extracting(ActivitySnapshot::subject)
                .containsExactly("b call", "d call");
        assertThat(page("ownerId=" + owner + "&completed=true&sort=name").items()).extracting(ActivitySnapshot::subject)
                .containsExactly("b call", "c mail");
        assertThat(page("ownerId=" + owner + "&completed=false&sort=name").items()).extracting(ActivitySnapshot::subject)
                .containsExactly("a visit", "d call", "e meeting");
        assertThat(page("ownerId=" + owner + "&dueAfter=2027-01-20T00:00:00Z&dueBefore=2027-03-01T00:00:00Z&sort=name").items())
                .extracting(ActivitySnapshot::subject).containsExactly("a visit", "d call");
        assertThat(page("opportunityId=" + opportunity).items()).extracting(ActivitySnapshot::subject).containsExactly("elsewhere");
        assertThat(page("accountId=" + account + "&q=CALL").items()).hasSize(2);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("accountId=" + account + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(a -> walked.add(a.subject()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactly("a visit", "b call", "c mail", "d call", "e meeting");
        assertThat(pages).isEqualTo(3);

        List<UUID> oldestFirst = new ArrayList<>();
        cursor = null;
        do {
            Page p = page("accountId=" + account + "&order=asc&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(a -> oldestFirst.add(a.id()));
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(oldestFirst).isEqualTo(all.stream().map(ActivitySnapshot::id).toList());
        http.get().uri(URL + "?completed=yes&dueBefore=tomorrow&type=LUNCH").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("completed", "dueBefore", "type"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        UUID account = anAccount();
        ActivitySnapshot existing = create("{\"type\": \"CALL\", \"subject\": \"Hostile Target\", \"accountId\": \"" + account + "\"}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("subject", "\"Call back\"");
        valid.put("type", "\"CALL\"");
        valid.put("accountId", "\"" + account + "\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("subject", "type", "notes", "accountId", "contactId", "opportunityId", "dueAt", "completedAt", "ownerId"),
                (field, value) -> (value.equals("\"x\"") && List.of("subject", "notes").contains(field))
                        || (field.equals("notes") && value.startsWith("\"999")),
                List.of("type", "ownerId", "accountId", "opportunityId", "completed", "dueBefore", "dueAfter", "q", "sort", "order"),
                Map.entry("type", "\"LUNCH\""));
        for (String id : List.of("nope", "1-2-3-4-5", UUID.randomUUID().toString())) {
            requests.add(new HostileRequests.Request(org.springframework.http.HttpMethod.POST, URL + "/" + id + "/complete", null));
        }
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM activities) * 1000000 + (SELECT count(*) FROM activity_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM activities) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
