package com.pulse.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * The account API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.accounts.v1, the recycle bin, optimistic locking, the hierarchy rules, all-or-nothing
 * transactions, list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class AccountIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(AccountIntegrationTests.class);
    static final String URL = "/api/v1/accounts";

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

    private AccountSnapshot create(String json) {
        return api.create(json, AccountSnapshot.class);
    }

    record Page(List<AccountSnapshot> items, String nextCursor) {
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".account-tests", Topics.ACCOUNTS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID owner = api.aUser("Zhang Min");
        UUID colleague = api.aUser("Zhang Min");
        AccountSnapshot group = create("{\"name\": \"Huaxin Group\", \"tier\": \"A\"}");

        EntityExchangeResult<AccountSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"name": "  Huaxin Precision (Suzhou)  ", "industry": "Manufacturing", "region": "East China",
                         "tier": "B", "type": "DISTRIBUTOR", "parentAccountId": "%s", "ownerId": "%s",
                         "sharedWith": ["%s", "%s"], "status": "ACTIVE"}""".formatted(group.id(), owner, colleague, colleague))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(AccountSnapshot.class).returnResult();
        AccountSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new AccountSnapshot(body.id(), "Huaxin Precision (Suzhou)", "Manufacturing", "East China",
                "B", "DISTRIBUTOR", group.id(), owner, List.of(colleague), "ACTIVE", body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<AccountChanged> received = events.await(body.id(), 1, AccountChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.accounts.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(AccountChanged.TYPE);
        assertThat(received.header("ce_id")).isEqualTo(received.event().eventId().toString());
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().actor()).isEqualTo(tokens.adminId().toString());
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(AccountSnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).contains("name:>Huaxin Precision (Suzhou)", "tier:>B", "sharedWith:>" + colleague);
        // Defaults for what was left out.
        assertThat(group.type()).isEqualTo("CUSTOMER");
        assertThat(group.status()).isEqualTo("ACTIVE");
        assertThat(group.sharedWith()).isEmpty();
    }

    @Test
    void updatingPublishesVersionTwoAndRecordsEachChangedField() {
        AccountSnapshot created = create("{\"name\": \"Jinling Logistics\", \"tier\": \"C\", \"region\": \"East China\"}");
        UUID colleague = api.aUser("Zhang Min");

        AccountSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"tier\": \"A\", \"region\": \"East China\", \"sharedWith\": [\"" + colleague + "\"], \"status\": \"INACTIVE\"}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(AccountSnapshot.class).returnResult().getResponseBody();

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.createdAt()).isEqualTo(created.createdAt());
        AccountChanged event = events.await(created.id(), 2, AccountChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("tier:C>A", "sharedWith:>" + colleague, "status:ACTIVE>INACTIVE");
        assertThat(api.count("SELECT count(*) FROM account_history WHERE account_id = '" + created.id() + "' AND version = 2")).isEqualTo(3);
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        AccountSnapshot created = create("{\"name\": \"Binhai Chemicals\", \"industry\": \"Recycle-bin-test\"}");

        AccountSnapshot deleted = http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange()
                .expectStatus().isOk()
                .expectBody(AccountSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.version()).isEqualTo(2);
        AccountChanged deletion = events.await(created.id(), 2, AccountChanged.class).event();
        assertThat(deletion.operation()).isEqualTo(Operation.DELETED);
        assertThat(deletion.snapshot().deleted()).isTrue();

        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(page("industry=Recycle-bin-test").items()).isEmpty();
        api.patch(created.id(), "{\"tier\": \"A\"}").expectStatus().isNotFound();
        http.delete().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();

        AccountSnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(AccountSnapshot.class).returnResult().getResponseBody();
        assertThat(restored.deleted()).isFalse();
        AccountChanged restoration = events.await(created.id(), 3, AccountChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("industry=Recycle-bin-test").items()).extracting(AccountSnapshot::id).containsExactly(created.id());

        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(3);
        http.post().uri(URL + "/" + UUID.randomUUID() + "/restore").exchange().expectStatus().isNotFound();
        assertThat(api.history(created.id(), 2)).containsExactly("deleted:false>true");
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        AccountSnapshot created = create("{\"name\": \"Pearl River Foods\"}");
        api.patch(created.id(), "{\"tier\": \"B\", \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"tier\": \"D\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .bodyValue("{\"tier\": \"D\"}").exchange().expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        AccountSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(AccountSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.tier()).isEqualTo("B");
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void theGroupHierarchyNeedsLiveParentsAndHasNoCycles() {
        AccountSnapshot top = create("{\"name\": \"Top Holding\"}");
        AccountSnapshot middle = create("{\"name\": \"Middle Co\", \"parentAccountId\": \"" + top.id() + "\"}");
        AccountSnapshot bottom = create("{\"name\": \"Bottom Co\", \"parentAccountId\": \"" + middle.id() + "\"}");

        api.patch(top.id(), "{\"parentAccountId\": \"" + bottom.id() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentAccountId");
        api.patch(top.id(), "{\"parentAccountId\": \"" + top.id() + "\"}").expectStatus().isBadRequest();
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Orphan\", \"parentAccountId\": \"" + UUID.randomUUID() + "\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("parentAccountId");
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Nobody's\", \"ownerId\": \"" + UUID.randomUUID() + "\", \"sharedWith\": [\"" + UUID.randomUUID() + "\"]}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("ownerId", "sharedWith"));

        // Moving the bottom under the top directly is fine; a binned parent is not.
        api.patch(bottom.id(), "{\"parentAccountId\": \"" + top.id() + "\"}").expectStatus().isOk();
        http.delete().uri(URL + "/" + middle.id()).exchange().expectStatus().isOk();
        api.patch(bottom.id(), "{\"parentAccountId\": \"" + middle.id() + "\"}").expectStatus().isBadRequest();
    }

    @Test
    void concurrentMovesCannotCloseACycle() {
        for (int i = 0; i < 10; i++) {
            AccountSnapshot a = create("{\"name\": \"Race A\"}");
            AccountSnapshot b = create("{\"name\": \"Race B\"}");
            CompletableFuture<Integer> aUnderB = CompletableFuture.supplyAsync(() -> api.patch(a.id(),
                    "{\"parentAccountId\": \"" + b.id() + "\"}").expectBody().returnResult().getStatus().value());
            CompletableFuture<Integer> bUnderA = CompletableFuture.supplyAsync(() -> api.patch(b.id(),
                    "{\"parentAccountId\": \"" + a.id() + "\"}").expectBody().returnResult().getStatus().value());

            assertThat(List.of(aUnderB.join(), bUnderA.join())).containsExactlyInAnyOrder(200, 400);
        }
        assertThat(api.count("SELECT count(*) FROM accounts c JOIN accounts p ON c.parent_account_id = p.id "
                + "WHERE p.parent_account_id = c.id")).isZero();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        AccountSnapshot existing = create("{\"name\": \"Rollback Probe\"}");
        long accounts = api.count("SELECT count(*) FROM accounts");
        long history = api.count("SELECT count(*) FROM account_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"Never stored\"}").exchange()
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"tier\": \"A\"}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM accounts")).isEqualTo(accounts);
        assertThat(api.count("SELECT count(*) FROM accounts WHERE name = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM account_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM accounts WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND tier IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterSortAndPageWithACursor() {
        UUID owner = api.aUser("Zhang Min");
        String region = "Region-" + UUID.randomUUID();
        String[] names = {"delta Textiles", "Alpha Steel", "charlie Pharma", "Bravo Motors", "Echo Media", "foxtrot Alpha Labs"};
        String[] tiers = {"A", "B", "A", "C", "A", "D"};
        List<AccountSnapshot> created = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            created.add(create("{\"name\": \"%s\", \"tier\": \"%s\", \"region\": \"%s\", \"industry\": \"%s\"%s}".formatted(
                    names[i], tiers[i], region, i % 2 == 0 ? "Retail" : "Energy", i < 2 ? ", \"ownerId\": \"" + owner + "\"" : "")));
        }
        String r = "region=" + region;

        assertThat(page(r + "&tier=A").items()).extracting(AccountSnapshot::name)
                .containsExactly("Echo Media", "charlie Pharma", "delta Textiles"); // newest first by default
        assertThat(page(r + "&ownerId=" + owner).items()).hasSize(2);
        assertThat(page(r + "&industry=Energy").items()).hasSize(3);
        assertThat(page(r + "&q=ALPHA&sort=name").items()).extracting(AccountSnapshot::name)
                .containsExactly("Alpha Steel", "foxtrot Alpha Labs");
        // '%' is a literal, not a wildcard.
        assertThat(http.get().uri(b -> b.path(URL).queryParam("q", "{q}").queryParam("region", region).build("%")).exchange()
                .expectStatus().isOk().expectBody(Page.class).returnResult().getResponseBody().items()).isEmpty();
        assertThat(http.get().uri(b -> b.path(URL).queryParam("q", "{q}").build("' OR '1'='1")).exchange()
                .expectStatus().isOk().expectBody(Page.class).returnResult().getResponseBody().items()).isEmpty();

        // Walk by name descending, two at a time: every account once, in order.
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page(r + "&sort=name&order=desc&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(a -> walked.add(a.name()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        List<String> expected = db.sql("SELECT name FROM accounts WHERE region = :r ORDER BY name DESC, id DESC").bind("r", region)
                .map(row -> row.get("name", String.class)).all().collectList().block();
        assertThat(walked).isEqualTo(expected).hasSize(6);
        assertThat(pages).isEqualTo(3);

        // A cursor continues only the order it was made for.
        String nameCursor = page(r + "&sort=name&limit=1").nextCursor();
        http.get().uri(URL + "?sort=createdAt&cursor=" + nameCursor).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("cursor");
        List<AccountSnapshot> oldestFirst = new ArrayList<>();
        cursor = null;
        do {
            Page p = page(r + "&sort=createdAt&order=asc&limit=4" + (cursor == null ? "" : "&cursor=" + cursor));
            oldestFirst.addAll(p.items());
            cursor = p.nextCursor();
        } while (cursor != null);
        assertThat(oldestFirst).isEqualTo(created);
    }

    @Test
    void unknownFieldsAndBadParametersAreProblemsNamingTheField() {
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"X\", \"rating\": 5}").exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("rating")
                .jsonPath("$.errors[0].reason").isEqualTo("unknown field");
        http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"tier\": \"E\", \"type\": \"customer\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("name", "tier", "type"));
        http.get().uri(URL + "?limit=500&sort=rank").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("limit", "sort"));
        http.get().uri(URL + "/not-a-uuid/history").exchange().expectStatus().isBadRequest();
        http.get().uri(URL + "/" + UUID.randomUUID() + "/history").exchange().expectStatus().isNotFound();
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        AccountSnapshot existing = create("{\"name\": \"Hostile Target\"}");
        Map<String, String> valid = new java.util.LinkedHashMap<>();
        valid.put("name", "\"Deal Co\"");
        valid.put("tier", "\"A\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "industry", "region", "tier", "type", "parentAccountId", "ownerId", "sharedWith", "status"),
                (field, value) -> value.equals("\"x\"") && List.of("name", "industry", "region").contains(field)
                        || field.equals("sharedWith") && value.equals("[]"),
                List.of("tier", "industry", "region", "ownerId", "type", "status", "q", "sort", "order"),
                Map.entry("tier", "\"E\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM accounts) * 1000000 + (SELECT count(*) FROM account_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM accounts) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }

}
