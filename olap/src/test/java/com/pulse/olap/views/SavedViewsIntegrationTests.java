package com.pulse.olap.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.security.TestDeals;
import com.pulse.olap.security.TestIssuer;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved views through HTTP with tokens like the api's, on a fresh devstack ClickHouse database: who sees which view,
 * that a view runs with the reader's data scope, versions, and refusals that write nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedViewsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(SavedViewsIntegrationTests.class);
    static final TestIssuer ISSUER = TestIssuer.start("views");
    static final JsonMapper JSON = JsonMapper.builder().build();

    // department D with team A1 below it; team E elsewhere
    static final String D = "d0000000-0000-4000-8000-000000000001";
    static final String A1 = "a1000000-0000-4000-8000-000000000003";
    static final String E = "e0000000-0000-4000-8000-000000000004";
    static final String REP_A1 = "0a000000-0000-4000-8000-0000000000a1";
    static final String REP_A1B = "0a000000-0000-4000-8000-0000000000a2";
    static final String REP_E = "0e000000-0000-4000-8000-0000000000e1";
    static final String MANAGER_D = "0b000000-0000-4000-8000-0000000000d0";

    static final String BY_OWNER = "{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"measures\":[\"count\",\"amountBase\"]}";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.olap.auth.enabled", () -> "true");
        r.add("pulse.olap.auth.jwks-uri", ISSUER::jwksUri);
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void knownDeals() {
        gateway.migrate();
        TestDeals.insert(gateway, REP_A1, A1, D + "/" + A1, new BigDecimal("100.00"));
        TestDeals.insert(gateway, REP_A1, A1, D + "/" + A1, new BigDecimal("250.00"));
        TestDeals.insert(gateway, REP_A1B, A1, D + "/" + A1, new BigDecimal("40.00"));
        TestDeals.insert(gateway, REP_E, E, E, new BigDecimal("70.00"));
    }

    @AfterAll
    void stopIssuer() {
        ISSUER.stop();
    }

    @Test
    void aSavedViewRunsWithTheReadersDataScopeAndEqualsTheSamePivotAskedDirectly() {
        String owner = token(REP_A1, "REP", A1);
        JsonNode saved = create(owner, "{\"name\":\"  My pipeline  \",\"query\":" + BY_OWNER + ",\"sharing\":\"company\"}");
        String id = saved.get("id").asString();
        assertThat(saved.get("name").asString()).isEqualTo("My pipeline");
        assertThat(saved.get("version").asLong()).isEqualTo(1);
        assertThat(saved.get("mine").asBoolean()).isTrue();
        assertThat(saved.get("query").get("rows").get(0).asString()).isEqualTo("owner");

        http.get().uri("/olap/v1/views/" + id).header("Authorization", "Bearer " + owner).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");

        // each reader gets their own figures from the same view: REP_A1 two deals, 350; REP_E one deal, 70
        for (String reader : List.of(owner, token(REP_E, "REP", E), token(MANAGER_D, "MANAGER", D),
                token(UUID.randomUUID().toString(), "EXECUTIVE", null))) {
            JsonNode viaView = json(http.post().uri("/olap/v1/views/" + id + "/pivot").header("Authorization", "Bearer " + reader)
                    .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            JsonNode direct = json(http.post().uri("/olap/v1/pivot").header("Authorization", "Bearer " + reader)
                    .contentType(MediaType.APPLICATION_JSON).body(BY_OWNER).exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(viaView).isEqualTo(direct);
        }
        JsonNode repE = json(http.post().uri("/olap/v1/views/" + id + "/pivot").header("Authorization", "Bearer " + token(REP_E, "REP", E))
                .exchange().expectBody(String.class).returnResult().getResponseBody());
        assertThat(repE.get("rowHeaders").findValuesAsString("member")).containsExactly(REP_E);
        assertThat(repE.toString()).contains("70").doesNotContain("350");
    }

    @Test
    void privateViewsStayWithTheirOwnerTeamViewsReachTheTeamAndItsManagersCompanyViewsEverybody() {
        String owner = token(REP_A1, "REP", A1);
        String privateId = create(owner, view("Shares: private", "private")).get("id").asString();
        String teamId = create(owner, view("Shares: team", "team")).get("id").asString();
        String companyId = create(owner, view("Shares: company", "company")).get("id").asString();

        assertThat(names(owner)).contains("Shares: private", "Shares: team", "Shares: company");
        // a rep of the same team, the manager of the department above it, and an executive
        for (String reader : List.of(token(REP_A1B, "REP", A1), token(MANAGER_D, "MANAGER", D),
                token(UUID.randomUUID().toString(), "EXECUTIVE", null))) {
            assertThat(names(reader)).contains("Shares: team", "Shares: company").doesNotContain("Shares: private");
            get(reader, "/olap/v1/views/" + teamId).expectStatus().isOk().expectBody().jsonPath("$.mine").isEqualTo(false);
            notFound(reader, "/olap/v1/views/" + privateId);
        }
        // a rep of another team, and a manager of another team
        for (String reader : List.of(token(REP_E, "REP", E), token(MANAGER_D, "MANAGER", E))) {
            assertThat(names(reader)).contains("Shares: company").doesNotContain("Shares: private", "Shares: team");
            notFound(reader, "/olap/v1/views/" + teamId);
            get(reader, "/olap/v1/views/" + companyId).expectStatus().isOk();
        }
        // not the owner: may read and run, not change or delete
        String other = token(REP_A1B, "REP", A1);
        http.put().uri("/olap/v1/views/" + teamId).header("Authorization", "Bearer " + other).header("If-Match", "\"1\"")
                .contentType(MediaType.APPLICATION_JSON).body(view("Taken over", "team")).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri("/olap/v1/views/" + companyId).header("Authorization", "Bearer " + other).exchange()
                .expectStatus().isForbidden();
        get(owner, "/olap/v1/views/" + teamId).expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("Shares: team");
    }

    @Test
    void changesNeedTheVersionTheyWereReadAtAndMoveItOn() {
        String owner = token(REP_A1, "REP", A1);
        String id = create(owner, view("Versioned", "private")).get("id").asString();
        String renamed = view("Versioned, renamed", "team");

        put(owner, id, null, renamed).expectStatus().isEqualTo(428)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        put(owner, id, "\"1\"", renamed).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.name").isEqualTo("Versioned, renamed").jsonPath("$.sharing").isEqualTo("team");
        // a second writer still holding version 1
        put(owner, id, "\"1\"", view("Lost update", "private")).expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        put(owner, id, "not-a-version", renamed).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        get(owner, "/olap/v1/views/" + id).expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.name").isEqualTo("Versioned, renamed");
    }

    @Test
    void refusedBodiesNameTheFieldAndWriteNothing() {
        String owner = token(REP_A1, "REP", A1);
        create(owner, view("Taken name", "private"));
        long before = rows();

        refused(owner, "{\"query\":" + BY_OWNER + "}", 400, "name");
        refused(owner, "{\"name\":\"" + "x".repeat(121) + "\",\"query\":" + BY_OWNER + "}", 400, "name");
        refused(owner, "{\"name\":\"ok\",\"query\":" + BY_OWNER + ",\"sharing\":\"public\"}", 400, "sharing")
                .jsonPath("$.errors[0].validValues").isEqualTo(List.of("private", "team", "company"));
        refused(owner, "{\"name\":\"ok\"}", 400, "query");
        refused(owner, "{\"name\":\"ok\",\"query\":{\"cube\":\"opportunities\",\"rows\":[\"owner\",\"no_such_dimension\"]}}",
                400, "query.rows[1]");
        refused(owner, "{\"name\":\"ok\",\"query\":{\"cube\":\"nope\"}}", 400, "query.cube");
        refused(owner, "{\"name\":\"TAKEN NAME\",\"query\":" + BY_OWNER + "}", 409, "name");
        http.post().uri("/olap/v1/views").header("Authorization", "Bearer " + owner).contentType(MediaType.APPLICATION_JSON)
                .body("{not json").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/olap/v1/views").contentType(MediaType.APPLICATION_JSON).body(view("No token", "private"))
                .exchange().expectStatus().isUnauthorized();

        assertThat(rows()).isEqualTo(before);
        // the same name is free for somebody else
        create(token(REP_E, "REP", E), view("Taken name", "private"));
    }

    @Test
    void aDeletedViewIsGoneForEverybody() {
        String owner = token(REP_A1, "REP", A1);
        String id = create(owner, view("Short-lived", "company")).get("id").asString();
        String reader = token(REP_E, "REP", E);
        get(reader, "/olap/v1/views/" + id).expectStatus().isOk();

        http.delete().uri("/olap/v1/views/" + id).header("Authorization", "Bearer " + owner).header("If-Match", "\"1\"")
                .exchange().expectStatus().isNoContent();

        for (String who : List.of(owner, reader)) {
            notFound(who, "/olap/v1/views/" + id);
            assertThat(names(who)).doesNotContain("Short-lived");
            http.post().uri("/olap/v1/views/" + id + "/pivot").header("Authorization", "Bearer " + who).exchange()
                    .expectStatus().isNotFound();
        }
        notFound(owner, "/olap/v1/views/not-a-uuid");
        notFound(owner, "/olap/v1/views/" + UUID.randomUUID());
        // its name is free again
        create(owner, view("Short-lived", "private"));
    }

    private static String view(String name, String sharing) {
        return "{\"name\":\"" + name + "\",\"query\":" + BY_OWNER + ",\"sharing\":\"" + sharing + "\"}";
    }

    private JsonNode create(String token, String body) {
        String created = http.post().uri("/olap/v1/views").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(String.class).returnResult().getResponseBody();
        JsonNode view = json(created);
        assertThat(view.get("id").asString()).isNotBlank();
        return view;
    }

    private RestTestClient.BodyContentSpec refused(String token, String body, int status, String field) {
        return http.post().uri("/olap/v1/views").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private RestTestClient.ResponseSpec put(String token, String id, String ifMatch, String body) {
        RestTestClient.RequestBodySpec request = http.put().uri("/olap/v1/views/" + id).header("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.contentType(MediaType.APPLICATION_JSON).body(body).exchange();
    }

    private List<String> names(String token) {
        JsonNode list = json(get(token, "/olap/v1/views").expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody());
        return list.get("views").findValuesAsString("name");
    }

    private RestTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).header("Authorization", "Bearer " + token).exchange();
    }

    private void notFound(String token, String uri) {
        get(token, uri).expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private long rows() {
        return ((Number) gateway.query("SELECT count() AS n FROM saved_views").get(0).get("n")).longValue();
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String token(String subject, String role, String teamId) {
        return ISSUER.token(subject, List.of(role), teamId);
    }
}
