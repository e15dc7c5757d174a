package com.pulse.api.crud;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.security.Role;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Idempotency-Key on the create of every entity, on devstack: a retried create answers with the
 * first record and writes nothing; the same key with another body is a 422; keys are the
 * caller's own; concurrent retries make one record and one event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class IdempotentCreateIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(IdempotentCreateIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    DatabaseClient db;

    private WebTestClient admin() {
        return tokens.admin(client);
    }

    private UUID user;

    /** A user to assign work to (created once). */
    private UUID user() {
        if (user == null) {
            UUID team = fixture("teams", "{\"name\": \"Fixture team\"}");
            user = fixture("users", """
                    {"username": "fixture.%1$s", "name": "Fixture User", "email": "fixture-%1$s@example.cn", "locale": "en",
                     "timeZone": "Asia/Shanghai", "roles": ["REP"], "teamId": "%2$s", "password": "a long enough password"}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 8), team));
        }
        return user;
    }

    private UUID fixture(String collection, String body) {
        Map<?, ?> created = admin().post().uri("/api/v1/" + collection).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return UUID.fromString((String) created.get("id"));
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
    }

    private EntityExchangeResult<Map> post(WebTestClient http, String url, String key, String body) {
        return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).header(IdempotencyKey.HEADER, key)
                .bodyValue(body).exchange().expectBody(Map.class).returnResult();
    }

    /** A body per entity; {@code %s} makes it unique. Teams and users need a team id, filled in by the test. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            accounts   | accounts   | {"name": "Acme %s", "tier": "B"}
            contacts   | contacts   | {"name": "Li %s", "accountId": "ACCOUNT"}
            campaigns  | campaigns  | {"name": "Fair %s", "channel": "EVENT", "budget": 100}
            products   | products   | {"name": "Widget", "code": "P-%1$s", "listPrice": 9.90}
            leads      | leads      | {"contactName": "Lead %s", "source": "WEB", "company": "Co"}
            activities | activities | {"subject": "Call %s", "type": "CALL", "accountId": "ACCOUNT"}
            tasks      | tasks      | {"title": "Task %s", "assigneeId": "USER"}
            teams      | teams      | {"name": "Team %s"}
            """)
    void aRetriedCreateAnswersWithTheFirstRecordAndWritesNothing(String name, String table, String template) {
        String url = "/api/v1/" + name;
        String body = template.formatted(UUID.randomUUID().toString().substring(0, 8))
                .replace("ACCOUNT", fixture("accounts", "{\"name\": \"Fixture account\"}").toString())
                .replace("USER", user().toString());
        String key = "retry-" + UUID.randomUUID();
        long rows = count("SELECT count(*) FROM " + table);
        long outbox = count("SELECT count(*) FROM outbox");

        EntityExchangeResult<Map> first = post(admin(), url, key, body);
        EntityExchangeResult<Map> retry = post(admin(), url, key, body);

        assertThat(first.getStatus().value()).as(String.valueOf(first.getResponseBody())).isEqualTo(201);
        assertThat(retry.getStatus().value()).isEqualTo(201);
        assertThat(first.getResponseHeaders().getFirst(IdempotencyKey.REPLAYED)).isEqualTo("false");
        assertThat(retry.getResponseHeaders().getFirst(IdempotencyKey.REPLAYED)).isEqualTo("true");
        assertThat(retry.getResponseBody().get("id")).isEqualTo(first.getResponseBody().get("id"));
        assertThat(retry.getResponseHeaders().getLocation()).isEqualTo(first.getResponseHeaders().getLocation());
        assertThat(count("SELECT count(*) FROM " + table)).isEqualTo(rows + 1);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox + 1);

        String other = body.replaceFirst("\": \"", "\": \"Other ");
        admin().post().uri(url).contentType(MediaType.APPLICATION_JSON).header(IdempotencyKey.HEADER, key).bodyValue(other)
                .exchange().expectStatus().isEqualTo(422)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").value(t -> assertThat(t.toString()).endsWith("idempotency-key-reused"));
        assertThat(count("SELECT count(*) FROM " + table)).isEqualTo(rows + 1);
    }

    @Test
    void keysBelongToTheCallerAndABadKeyIsRefused() {
        String key = "shared-" + UUID.randomUUID();
        String body = "{\"name\": \"Keyed " + UUID.randomUUID() + "\", \"channel\": \"WEB\"}";
        WebTestClient otherAdmin = tokens.as(client, UUID.randomUUID(), null, Role.ADMIN);

        Object mine = post(admin(), "/api/v1/campaigns", key, body).getResponseBody().get("id");
        EntityExchangeResult<Map> theirs = post(otherAdmin, "/api/v1/campaigns", key, body);

        assertThat(theirs.getStatus().value()).isEqualTo(201);
        assertThat(theirs.getResponseHeaders().getFirst(IdempotencyKey.REPLAYED)).isEqualTo("false");
        assertThat(theirs.getResponseBody().get("id")).isNotEqualTo(mine);
        for (String bad : List.of("x".repeat(201), "x".repeat(5000))) {
            admin().post().uri("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON).header(IdempotencyKey.HEADER, bad)
                    .bodyValue(body).exchange().expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(IdempotencyKey.HEADER);
        }
    }

    @Test
    void aDeletedFirstRecordIsAConflictNotASecondRecord() {
        String key = "binned-" + UUID.randomUUID();
        String body = "{\"name\": \"Binned " + UUID.randomUUID() + "\"}";
        Object id = post(admin(), "/api/v1/accounts", key, body).getResponseBody().get("id");
        admin().delete().uri("/api/v1/accounts/" + id).exchange().expectStatus().isOk();

        admin().post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).header(IdempotencyKey.HEADER, key)
                .bodyValue(body).exchange().expectStatus().isEqualTo(409);
        assertThat(count("SELECT count(*) FROM accounts WHERE name = '" + body.substring(10, body.length() - 2) + "'")).isEqualTo(1);
    }

    @Test
    void eightConcurrentRetriesMakeOneRecordAndOneEvent() throws Exception {
        String key = "burst-" + UUID.randomUUID();
        String name = "Burst " + UUID.randomUUID();
        String body = "{\"title\": \"" + name + "\", \"assigneeId\": \"" + user() + "\"}";
        long outbox = count("SELECT count(*) FROM outbox");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<EntityExchangeResult<Map>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> post(admin(), "/api/v1/tasks", key, body), pool));
            }
            List<EntityExchangeResult<Map>> results = calls.stream().map(CompletableFuture::join).toList();

            assertThat(results).allSatisfy(r -> assertThat(r.getStatus().value()).isEqualTo(201));
            assertThat(results.stream().map(r -> r.getResponseBody().get("id")).distinct()).hasSize(1);
            assertThat(results.stream().filter(r -> "false".equals(r.getResponseHeaders().getFirst(IdempotencyKey.REPLAYED))))
                    .hasSize(1);
        } finally {
            pool.shutdown();
        }
        assertThat(count("SELECT count(*) FROM tasks WHERE title = '" + name + "'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(outbox + 1);
    }
}
