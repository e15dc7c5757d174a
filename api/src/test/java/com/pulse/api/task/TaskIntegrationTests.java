package com.pulse.api.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.Operation;
import com.pulse.events.TaskChanged;
import com.pulse.events.TaskSnapshot;
import com.pulse.events.Topics;
import java.time.Instant;
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
 * The task API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.tasks.v1, the recycle bin, optimistic locking, references, all-or-nothing transactions,
 * list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TaskIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TaskIntegrationTests.class);
    static final String URL = "/api/v1/tasks";

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
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".task-tests", Topics.TASKS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<TaskSnapshot> items, String nextCursor) {
    }

    private TaskSnapshot create(String json) {
        return api.create(json, TaskSnapshot.class);
    }

    private UUID created(String url, String json) {
        return UUID.fromString(http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID assignee = api.aUser("Zhou Min");
        UUID account = created("/api/v1/accounts", "{\"name\": \"Task Test Account\"}");
        UUID opportunity = created("/api/v1/opportunities", "{\"name\": \"Compressors\", \"amount\": 80000}");

        EntityExchangeResult<TaskSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"title": " Send the revised quote ", "assigneeId": "%s", "due": "2027-02-01T09:30:00+08:00",
                         "accountId": "%s", "opportunityId": "%s"}""".formatted(assignee, account, opportunity))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(TaskSnapshot.class).returnResult();
        TaskSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new TaskSnapshot(body.id(), "Send the revised quote", assignee, Instant.parse("2027-02-01T01:30:00Z"),
                "OPEN", account, opportunity, body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<TaskChanged> received = events.await(body.id(), 1, TaskChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.tasks.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(TaskChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(TaskSnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).containsExactly("title:>Send the revised quote", "assigneeId:>" + assignee,
                "due:>2027-02-01T01:30:00Z", "status:>OPEN", "accountId:>" + account, "opportunityId:>" + opportunity);
    }

    @Test
    void updatingPublishesVersionTwoAndRecordsEachChangedField() {
        UUID assignee = api.aUser("Wu Hao");
        UUID other = api.aUser("Xu Lin");
        TaskSnapshot created = create("{\"title\": \"Call the buyer\", \"assigneeId\": \"" + assignee + "\"}");

        TaskSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"assigneeId\": \"" + other + "\", \"status\": \"IN_PROGRESS\", \"title\": \"Call the buyer\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(TaskSnapshot.class).returnResult().getResponseBody();

        TaskChanged event = events.await(created.id(), 2, TaskChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("assigneeId:" + assignee + ">" + other, "status:OPEN>IN_PROGRESS");
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        UUID assignee = api.aUser("Ma Jun");
        TaskSnapshot created = create("{\"title\": \"Renew contract\", \"assigneeId\": \"" + assignee + "\"}");

        TaskSnapshot deleted = http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isOk().expectBody(TaskSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(created.id(), 2, TaskChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        assertThat(page("assigneeId=" + assignee).items()).isEmpty();

        TaskSnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(TaskSnapshot.class).returnResult().getResponseBody();
        TaskChanged restoration = events.await(created.id(), 3, TaskChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("assigneeId=" + assignee).items()).extracting(TaskSnapshot::id).containsExactly(created.id());
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        TaskSnapshot created = create("{\"title\": \"Prepare demo\", \"assigneeId\": \"" + api.aUser("He Li") + "\"}");
        api.patch(created.id(), "{\"status\": \"DONE\", \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"status\": \"CANCELLED\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        TaskSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(TaskSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.status()).isEqualTo("DONE");
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void theAssigneeAndRelatedRecordsMustExist() {
        UUID binned = created("/api/v1/accounts", "{\"name\": \"Binned\"}");
        http.delete().uri("/api/v1/accounts/" + binned).exchange().expectStatus().isOk();
        UUID assignee = api.aUser("Gao Yan");

        api.post("{\"title\": \"Nobody\", \"assigneeId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assigneeId");
        api.post("{\"title\": \"x\", \"assigneeId\": \"" + assignee + "\", \"accountId\": \"" + binned + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        api.post("{\"title\": \"x\", \"assigneeId\": \"" + assignee + "\", \"opportunityId\": \"" + UUID.randomUUID() + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("opportunityId");
        TaskSnapshot created = create("{\"title\": \"Movable\", \"assigneeId\": \"" + assignee + "\"}");
        api.patch(created.id(), "{\"assigneeId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assigneeId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing title     | "assigneeId": "%s"                                     | title
            blank title       | "title": " ", "assigneeId": "%s"                       | title
            missing assignee  | "title": "x"                                           | assigneeId
            unknown status    | "title": "x", "assigneeId": "%s", "status": "WAITING"  | status
            due in 1970       | "title": "x", "assigneeId": "%s", "due": "1970-01-01T00:00:00Z" | due
            unknown field     | "title": "x", "assigneeId": "%s", "priority": 1        | priority
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String fields, String expected) {
        api.post("{" + fields.formatted(UUID.randomUUID()) + "}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        UUID assignee = api.aUser("Rollback Probe");
        TaskSnapshot existing = create("{\"title\": \"Rollback Probe\", \"assigneeId\": \"" + assignee + "\"}");
        long rows = api.count("SELECT count(*) FROM tasks");
        long history = api.count("SELECT count(*) FROM task_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"title\": \"Never stored\", \"assigneeId\": \"" + assignee + "\"}").expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"status\": \"DONE\"}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM tasks")).isEqualTo(rows);
        assertThat(api.count("SELECT count(*) FROM tasks WHERE title = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM task_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM tasks WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND status = 'OPEN'"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterAndPageWithACursor() {
        UUID assignee = api.aUser("Qian Bo");
        UUID other = api.aUser("Lin Fei");
        List<TaskSnapshot> all = new ArrayList<>();
        String[][] rows = {
                {"b task", "OPEN", "2027-01-10T00:00:00Z"}, {"a task", "DONE", "2027-01-20T00:00:00Z"},
                {"d task", "OPEN", "2027-02-10T00:00:00Z"}, {"c task", "IN_PROGRESS", "2027-03-01T00:00:00Z"},
                {"e task", "OPEN", "2027-03-15T00:00:00Z"}};
        for (String[] r : rows) {
            all.add(create("{\"title\": \"" + r[0] + "\", \"assigneeId\": \"" + assignee + "\", \"status\": \"" + r[1]
                    + "\", \"due\": \"" + r[2] + "\"}"));
        }
        create("{\"title\": \"other's task\", \"assigneeId\": \"" + other + "\"}");

        assertThat(page("assigneeId=" + assignee).items()).extracting(TaskSnapshot::title)
                .containsExactly("e task", "c task", "d task", "a task", "b task"); // newest first by default
        assertThat(page("assigneeId=" + assignee + "&status=OPEN&sort=name").items()).extracting(TaskSnapshot::title)
                .containsExactly("b task", "d task", "e task");
        assertThat(page("assigneeId=" + assignee + "&dueBefore=2027-02-10T00:00:00Z&sort=name").items()).extracting(TaskSnapshot::title)
                .containsExactly("a task", "b task");
        assertThat(page("assigneeId=" + other).items()).extracting(TaskSnapshot::title).containsExactly("other's task");

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("assigneeId=" + assignee + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(t -> walked.add(t.title()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(walked).containsExactly("a task", "b task", "c task", "d task", "e task");
        assertThat(pages).isEqualTo(3);

        List<UUID> oldestFirst = new ArrayList<>();
        cursor = null;
        do {
            Page p = page("assigneeId=" + assignee + "&order=asc&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(t -> oldestFirst.add(t.id()));
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(oldestFirst).isEqualTo(all.stream().map(TaskSnapshot::id).toList());
        http.get().uri(URL + "?assigneeId=nope&status=LATE&dueBefore=soon").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("assigneeId", "status", "dueBefore"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        UUID assignee = api.aUser("Hostile Assignee");
        TaskSnapshot existing = create("{\"title\": \"Hostile Target\", \"assigneeId\": \"" + assignee + "\"}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("title", "\"Call back\"");
        valid.put("assigneeId", "\"" + assignee + "\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("title", "assigneeId", "due", "status", "accountId", "opportunityId"),
                (field, value) -> value.equals("\"x\"") && field.equals("title"),
                List.of("assigneeId", "status", "dueBefore", "q", "sort", "order"),
                Map.entry("status", "\"WAITING\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM tasks) * 1000000 + (SELECT count(*) FROM task_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM tasks) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
