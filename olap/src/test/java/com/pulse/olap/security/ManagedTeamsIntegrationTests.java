package com.pulse.olap.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A manager's data scope from the token's {@code managed_teams} (the teams whose manager they are, as the api's
 * DataScopes counts them) rather than from {@code team_id} (the team they are a member of): Maya sits in team S and
 * manages team A (with A1 below it) and, in one token, team E too. Tokens without the claim keep the {@code team_id}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedTeamsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ManagedTeamsIntegrationTests.class);
    static final TestIssuer ISSUER = TestIssuer.start("managed");
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    // department D with team A below it and A1 below A; teams E, S and X stand alone
    static final String D = "d0000000-0000-4000-8000-000000000001";
    static final String A = "a0000000-0000-4000-8000-000000000002";
    static final String A1 = "a1000000-0000-4000-8000-000000000003";
    static final String E = "e0000000-0000-4000-8000-000000000004";
    static final String S = "50000000-0000-4000-8000-000000000005";
    static final String X = "f0000000-0000-4000-8000-000000000006";
    static final String REP_A = "0a000000-0000-4000-8000-0000000000a0";
    static final String REP_A1 = "0a000000-0000-4000-8000-0000000000a1";
    static final String REP_E = "0e000000-0000-4000-8000-0000000000e1";
    static final String REP_S = "05000000-0000-4000-8000-000000000051";
    static final String REP_X = "0f000000-0000-4000-8000-0000000000f1";
    static final String MAYA = "0b000000-0000-4000-8000-0000000000b0";

    static final String TOTAL = "{\"cube\":\"opportunities\",\"measures\":[\"count\",\"amountBase\"]}";
    static final String BY_TEAM = "{\"cube\":\"opportunities\",\"rows\":[\"team\"],\"measures\":[\"count\"]}";

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
    void knownRows() {
        gateway.migrate();
        TestDeals.insert(gateway, REP_A, A, D + "/" + A, new BigDecimal("100.00"));
        TestDeals.insert(gateway, REP_A1, A1, D + "/" + A + "/" + A1, new BigDecimal("20.00"));
        TestDeals.insert(gateway, REP_A1, A1, D + "/" + A + "/" + A1, new BigDecimal("1.25"));
        TestDeals.insert(gateway, REP_E, E, E, new BigDecimal("3.00"));
        TestDeals.insert(gateway, REP_S, S, S, new BigDecimal("4000.00"));
        TestDeals.insert(gateway, MAYA, S, S, new BigDecimal("0.50"));
        TestDeals.insert(gateway, REP_X, X, X, new BigDecimal("600.00"));
        funnel("TEAM", A, 5);
        funnel("TEAM", E, 6);
        funnel("TEAM", S, 9);
    }

    @AfterAll
    void stopIssuer() {
        ISSUER.stop();
    }

    @Test
    void aManagerReadsTheTeamTheyManageWithoutBeingAMemberOfItAndNothingOutsideIt() {
        String maya = ISSUER.token(MAYA, List.of("MANAGER"), S, List.of(A));

        get(maya, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A).expectStatus().isOk()
                .expectBody().jsonPath("$.stages[3].count").isEqualTo(5);
        for (String uri : List.of("/olap/v1/funnel?scopeType=TEAM&scopeId=" + A1, "/olap/v1/kpis?scopeType=TEAM&scopeId=" + A,
                "/olap/v1/forecast?scopeType=TEAM&scopeId=" + A, "/olap/v1/forecast/accuracy?scopeType=TEAM&scopeId=" + A1,
                "/olap/v1/funnel/flow?scopeType=TEAM&scopeId=" + A, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_A1,
                "/olap/v1/kpis?scopeType=OWNER&scopeId=" + MAYA)) {
            get(maya, uri).expectStatus().isOk();
        }
        // the department above A, teams beside it, the team Maya sits in but does not manage, and their people
        for (String uri : List.of("/olap/v1/funnel?scopeType=TEAM&scopeId=" + D, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + E,
                "/olap/v1/kpis?scopeType=TEAM&scopeId=" + X, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + S,
                "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_S, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_X,
                "/olap/v1/funnel")) {
            notFound(maya, uri);
        }

        // pivots and records: A's subtree (100.00 + 20.00 + 1.25) and Maya's own deal in S (0.50), nobody else's in S
        assertThat(total(maya)).isEqualTo(Map.of("count", 4, "amountBase", new BigDecimal("121.75")));
        pivot(maya, BY_TEAM).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(S, A, A1))
                .jsonPath("$.cells[0].values[0].count").isEqualTo(1)
                .jsonPath("$.cells[2].values[0].count").isEqualTo(2);
        records(maya).jsonPath("$.records.length()").isEqualTo(4);
    }

    @Test
    void aManagerOfTwoTeamsAggregatesBothSubtreesAndTheirOwnDeals() {
        String maya = ISSUER.token(MAYA, List.of("MANAGER"), S, List.of(A, E));

        get(maya, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + E).expectStatus().isOk()
                .expectBody().jsonPath("$.stages[3].count").isEqualTo(6);
        get(maya, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_E).expectStatus().isOk();
        get(maya, "/olap/v1/kpis?scopeType=TEAM&scopeId=" + A1).expectStatus().isOk();
        notFound(maya, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + X);
        notFound(maya, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_X);

        // A's 121.25 + E's 3.00 + Maya's own 0.50
        assertThat(total(maya)).isEqualTo(Map.of("count", 5, "amountBase", new BigDecimal("124.75")));
        pivot(maya, BY_TEAM).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(S, A, A1, E));
        records(maya).jsonPath("$.records.length()").isEqualTo(5);
    }

    @Test
    void aManagerManagingNothingSeesOnlyThemselves() {
        String maya = ISSUER.token(MAYA, List.of("MANAGER"), S, List.of());

        get(maya, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + MAYA).expectStatus().isOk();
        notFound(maya, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + S);
        notFound(maya, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A);
        notFound(maya, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_S);
        assertThat(total(maya)).isEqualTo(Map.of("count", 1, "amountBase", new BigDecimal("0.50")));
    }

    @Test
    void aTokenWithoutTheClaimKeepsTheTeamOfItsTeamId() {
        String older = ISSUER.token(MAYA, List.of("MANAGER"), S);

        get(older, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + S).expectStatus().isOk()
                .expectBody().jsonPath("$.stages[3].count").isEqualTo(9);
        notFound(older, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A);
        assertThat(total(older)).isEqualTo(Map.of("count", 2, "amountBase", new BigDecimal("4000.50")));
    }

    @Test
    void aViewSharedWithAManagedTeamReachesItsManager() {
        String rep = ISSUER.token(REP_A1, List.of("REP"), A1, List.of());
        String view = "{\"name\":\"A1 pipeline\",\"query\":" + BY_TEAM + ",\"sharing\":\"team\"}";
        String id = JSON.readTree(http.post().uri("/olap/v1/views").header("Authorization", "Bearer " + rep)
                .contentType(MediaType.APPLICATION_JSON).body(view).exchange().expectStatus().isCreated()
                .expectBody(String.class).returnResult().getResponseBody()).get("id").asString();

        get(ISSUER.token(MAYA, List.of("MANAGER"), S, List.of(A)), "/olap/v1/views/" + id).expectStatus().isOk();
        notFound(ISSUER.token(MAYA, List.of("MANAGER"), S, List.of(E)), "/olap/v1/views/" + id);
    }

    private Map<?, ?> total(String token) {
        String body = http.post().uri("/olap/v1/pivot").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(TOTAL).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        List<?> cells = (List<?>) JSON.readValue(body, Map.class).get("cells");
        Map<?, ?> last = (Map<?, ?>) cells.get(cells.size() - 1);
        return new LinkedHashMap<>((Map<?, ?>) ((List<?>) last.get("values")).get(0));
    }

    private RestTestClient.BodyContentSpec pivot(String token, String body) {
        return http.post().uri("/olap/v1/pivot").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk().expectBody();
    }

    private RestTestClient.BodyContentSpec records(String token) {
        return http.post().uri("/olap/v1/records").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body("{\"cube\":\"opportunities\"}").exchange()
                .expectStatus().isOk().expectBody();
    }

    private void notFound(String token, String uri) {
        String body = get(token, uri).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as(uri).contains("\"status\":404");
    }

    private RestTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).header("Authorization", "Bearer " + token).exchange();
    }

    private void funnel(String scopeType, String scopeId, long count) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("stage", "PROPOSAL");
        row.put("stage_order", 4);
        row.put("count", count);
        row.put("amount", new BigDecimal("10.00"));
        row.put("weighted", new BigDecimal("6.00"));
        row.put("changed_at", "2026-11-27 10:00:00");
        row.put("version", 1);
        gateway.insertJsonEachRow("funnel_snapshot", List.of(row));
    }
}
