package com.pulse.api.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.ContactChanged;
import com.pulse.events.ContactSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.time.LocalDate;
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
 * The contact API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.contacts.v1, the recycle bin, optimistic locking, the account rule, all-or-nothing
 * transactions, list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ContactIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ContactIntegrationTests.class);
    static final String URL = "/api/v1/contacts";

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

    private ContactSnapshot create(String json) {
        return api.create(json, ContactSnapshot.class);
    }

    record Page(List<ContactSnapshot> items, String nextCursor) {
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".contact-tests", Topics.CONTACTS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private UUID anAccount() {
        return UUID.fromString(http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Contact Test Account\"}").exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID account = anAccount();
        UUID owner = api.aUser("Chen Jing");

        EntityExchangeResult<ContactSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"accountId": "%s", "name": " 王芳 ", "title": "Procurement Director", "phone": "+8613812345678",
                         "email": "wang.fang@huaxin.example.cn", "birthday": "1985-04-12", "ownerId": "%s"}""".formatted(account, owner))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(ContactSnapshot.class).returnResult();
        ContactSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new ContactSnapshot(body.id(), account, "王芳", "Procurement Director", "+8613812345678",
                "wang.fang@huaxin.example.cn", LocalDate.of(1985, 4, 12), owner, body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<ContactChanged> received = events.await(body.id(), 1, ContactChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.contacts.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(ContactChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().actor()).isEqualTo(tokens.adminId().toString());
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(ContactSnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).hasSize(7).contains("phone:>+8613812345678", "birthday:>1985-04-12");
    }

    @Test
    void updatingPublishesVersionTwoAndRecordsEachChangedField() {
        UUID account = anAccount();
        UUID other = anAccount();
        ContactSnapshot created = create("{\"accountId\": \"" + account + "\", \"name\": \"Li Na\", \"title\": \"Buyer\"}");

        ContactSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"accountId\": \"" + other + "\", \"title\": \"Buyer\", \"email\": \"li.na@example.com\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(ContactSnapshot.class).returnResult().getResponseBody();

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.accountId()).isEqualTo(other);
        ContactChanged event = events.await(created.id(), 2, ContactChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("accountId:" + account + ">" + other, "email:>li.na@example.com");
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringNeedsALiveAccount() {
        UUID account = anAccount();
        ContactSnapshot created = create("{\"accountId\": \"" + account + "\", \"name\": \"Zhao Lei\"}");

        ContactSnapshot deleted = http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isOk().expectBody(ContactSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(created.id(), 2, ContactChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        assertThat(page("accountId=" + account).items()).isEmpty();

        // While the account is in the recycle bin, its contacts cannot come back.
        http.delete().uri("/api/v1/accounts/" + account).exchange().expectStatus().isOk();
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/accounts/" + account + "/restore").exchange().expectStatus().isOk();

        ContactSnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(ContactSnapshot.class).returnResult().getResponseBody();
        ContactChanged restoration = events.await(created.id(), 3, ContactChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("accountId=" + account).items()).extracting(ContactSnapshot::id).containsExactly(created.id());
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        ContactSnapshot created = create("{\"accountId\": \"" + anAccount() + "\", \"name\": \"Sun Yu\"}");
        api.patch(created.id(), "{\"title\": \"CTO\", \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"title\": \"CEO\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .bodyValue("{\"title\": \"CEO\"}").exchange().expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        ContactSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(ContactSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.title()).isEqualTo("CTO");
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void theAccountMustExistAndBeLive() {
        UUID binned = anAccount();
        http.delete().uri("/api/v1/accounts/" + binned).exchange().expectStatus().isOk();

        api.post("{\"name\": \"Nobody\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        api.post("{\"accountId\": \"" + UUID.randomUUID() + "\", \"name\": \"Nobody\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        api.post("{\"accountId\": \"" + binned + "\", \"name\": \"Nobody\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountId");
        ContactSnapshot created = create("{\"accountId\": \"" + anAccount() + "\", \"name\": \"Movable\"}");
        api.patch(created.id(), "{\"accountId\": \"" + binned + "\"}").expectStatus().isBadRequest();
        api.post("{\"accountId\": \"" + anAccount() + "\", \"name\": \"Owned\", \"ownerId\": \"" + UUID.randomUUID() + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            phone without plus       | "phone": "13812345678"             | phone
            phone with spaces        | "phone": "+86 138 1234 5678"       | phone
            phone too long           | "phone": "+1234567890123456"       | phone
            phone starting with 0    | "phone": "+0123456"                | phone
            email without at         | "email": "li.example.com"          | email
            email without domain dot | "email": "li@example"              | email
            email with space         | "email": "li wei@example.com"      | email
            birthday in the future   | "birthday": "2999-01-01"           | birthday
            birthday before 1900     | "birthday": "1899-12-31"           | birthday
            impossible birthday      | "birthday": "1990-02-30"           | birthday
            title of 101 chars       | "title": "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT" | title
            unknown field            | "nickname": "Xiao Li"              | nickname
            account as a number      | "accountId": 42                    | accountId
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String field, String expected) {
        String body = field.startsWith("\"accountId\"") ? "{\"name\": \"Li\", " + field + "}"
                : "{\"accountId\": \"" + UUID.randomUUID() + "\", \"name\": \"Li\", " + field + "}";
        api.post(body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        UUID account = anAccount();
        ContactSnapshot existing = create("{\"accountId\": \"" + account + "\", \"name\": \"Rollback Probe\"}");
        long contacts = api.count("SELECT count(*) FROM contacts");
        long history = api.count("SELECT count(*) FROM contact_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"accountId\": \"" + account + "\", \"name\": \"Never stored\"}").expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"title\": \"Changed\"}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM contacts")).isEqualTo(contacts);
        assertThat(api.count("SELECT count(*) FROM contacts WHERE name = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM contact_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM contacts WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND title IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterByAccountAndNameAndPageWithACursor() {
        UUID account = anAccount();
        UUID other = anAccount();
        UUID owner = api.aUser("Chen Jing");
        List<ContactSnapshot> created = new ArrayList<>();
        for (String name : List.of("Wei Zhang", "anna Wu", "Bo Li", "Wei Liu", "carl Ma")) {
            created.add(create("{\"accountId\": \"" + account + "\", \"name\": \"" + name + "\", \"ownerId\": \"" + owner + "\"}"));
        }
        create("{\"accountId\": \"" + other + "\", \"name\": \"Wei Other\"}");

        assertThat(page("accountId=" + account).items()).hasSize(5)
                .extracting(ContactSnapshot::name).startsWith("carl Ma"); // newest first by default
        assertThat(page("accountId=" + account + "&q=wEi&sort=name").items()).extracting(ContactSnapshot::name)
                .containsExactly("Wei Liu", "Wei Zhang");
        assertThat(page("ownerId=" + owner + "&q=wei").items()).hasSize(2);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("accountId=" + account + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(c -> walked.add(c.name()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        List<String> expected = db.sql("SELECT name FROM contacts WHERE account_id = :a ORDER BY name, id").bind("a", account)
                .map(row -> row.get("name", String.class)).all().collectList().block();
        assertThat(walked).isEqualTo(expected).hasSize(5);
        assertThat(pages).isEqualTo(3);

        List<ContactSnapshot> oldestFirst = new ArrayList<>();
        cursor = null;
        do {
            Page p = page("accountId=" + account + "&order=asc&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            oldestFirst.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(oldestFirst).isEqualTo(created);
        http.get().uri(URL + "?accountId=nope&limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("accountId", "limit"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        UUID account = anAccount();
        ContactSnapshot existing = create("{\"accountId\": \"" + account + "\", \"name\": \"Hostile Target\"}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("name", "\"Li Wei\"");
        valid.put("accountId", "\"" + account + "\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "accountId", "title", "phone", "email", "birthday", "ownerId"),
                (field, value) -> value.equals("\"x\"") && List.of("name", "title").contains(field),
                List.of("accountId", "ownerId", "q", "sort", "order"),
                Map.entry("phone", "\"12345\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM contacts) * 1000000 + (SELECT count(*) FROM contact_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM contacts) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }

}
