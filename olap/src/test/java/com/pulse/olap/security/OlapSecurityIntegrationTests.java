package com.pulse.olap.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Tokens and data scopes on /olap/v1 with {@code pulse.olap.auth.enabled}: tokens signed like the api's
 * (RS256, iss pulse-api, sub/roles/team_id) and verified through a JWK set served over HTTP; the team tree
 * from {@code opportunities} rows in a fresh devstack ClickHouse database.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OlapSecurityIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OlapSecurityIntegrationTests.class);
    static final TestIssuer ISSUER = TestIssuer.start("k1");
    static final RSAKey KEY = ISSUER.key;
    static final RSAKey FOREIGN_KEY = TestIssuer.newKey("k1");

    // department D (A below it, A1 below A), department E; reps in A1 and E
    static final String D = "d0000000-0000-4000-8000-000000000001";
    static final String A = "a0000000-0000-4000-8000-000000000002";
    static final String A1 = "a1000000-0000-4000-8000-000000000003";
    static final String E = "e0000000-0000-4000-8000-000000000004";
    static final String REP_A1 = "0a000000-0000-4000-8000-0000000000a1";
    static final String REP_E = "0e000000-0000-4000-8000-0000000000e1";
    static final String MANAGER_A = "0b000000-0000-4000-8000-0000000000a0";

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
        deal(REP_A1, A1, D + "/" + A + "/" + A1);
        deal(REP_E, E, E);
        funnel("TEAM", A1, 4);
        funnel("OWNER", REP_A1, 3);
        funnel("OWNER", REP_E, 7);
    }

    @AfterAll
    void stopJwks() {
        ISSUER.stop();
    }

    @Test
    void withoutATokenEveryReadIs401ProblemJsonAndHealthStaysOpen() {
        for (String uri : List.of("/olap/v1/funnel", "/olap/v1/forecast", "/olap/v1/forecast/accuracy", "/olap/v1/funnel/flow")) {
            String body = http.get().uri(uri).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains("\"status\":401");
        }
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void forgedExpiredAndForeignIssuerTokensAre401() {
        String forged = ISSUER.sign(FOREIGN_KEY, TestIssuer.claims(REP_A1, List.of("EXECUTIVE"), null).build());
        String expired = ISSUER.sign(KEY, TestIssuer.claims(REP_A1, List.of("EXECUTIVE"), null)
                .expirationTime(Date.from(Instant.now().minusSeconds(3600))).build());
        String foreignIssuer = ISSUER.sign(KEY, TestIssuer.claims(REP_A1, List.of("EXECUTIVE"), null).issuer("someone-else").build());
        for (String token : List.of(forged, expired, foreignIssuer, "not-a-jwt")) {
            http.get().uri("/olap/v1/funnel").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void executivesAnalystsAndAdminsReadEveryScope() {
        for (String role : List.of("EXECUTIVE", "ANALYST", "admin")) {
            String token = token(UUID.randomUUID().toString(), role, null);
            get(token, "/olap/v1/funnel").expectStatus().isOk();
            get(token, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + E).expectStatus().isOk();
            get(token, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_E).expectStatus().isOk();
            get(token, "/olap/v1/forecast/accuracy?scopeType=TEAM&scopeId=" + A1).expectStatus().isOk();
            get(token, "/olap/v1/funnel/flow?scopeType=OWNER&scopeId=" + REP_E).expectStatus().isOk();
        }
    }

    @Test
    void aRepReadsOnlyTheirOwnOwnerScope() {
        String rep = token(REP_A1, "REP", A1);

        get(rep, "/olap/v1/funnel?scopeType=OWNER&scopeId=" + REP_A1).expectStatus().isOk()
                .expectBody().jsonPath("$.stages[3].count").isEqualTo(3);
        get(rep, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_A1.toUpperCase()).expectStatus().isOk();
        get(rep, "/olap/v1/funnel/flow?scopeType=OWNER&scopeId=" + REP_A1).expectStatus().isOk();
        for (String uri : List.of("/olap/v1/funnel?scopeType=OWNER&scopeId=" + REP_E, "/olap/v1/funnel",
                "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A1, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_E,
                "/olap/v1/forecast/accuracy", "/olap/v1/funnel/flow", "/olap/v1/funnel/flow?scopeType=OWNER&scopeId=" + REP_E)) {
            notFound(rep, uri);
        }
        // no Pulse role at all: like a rep
        notFound(token(REP_A1, "GUEST", A1), "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A1);
    }

    @Test
    void aManagerReadsTheirTeamItsSubTeamsAndTheOwnersInThemAndNothingElse() {
        String manager = token(MANAGER_A, "MANAGER", A);

        get(manager, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A).expectStatus().isOk();
        get(manager, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + A1).expectStatus().isOk()
                .expectBody().jsonPath("$.stages[3].count").isEqualTo(4);
        get(manager, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_A1).expectStatus().isOk();
        get(manager, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + MANAGER_A).expectStatus().isOk();
        get(manager, "/olap/v1/funnel/flow?scopeType=TEAM&scopeId=" + A1).expectStatus().isOk();
        notFound(manager, "/olap/v1/funnel/flow?scopeType=TEAM&scopeId=" + E);
        notFound(manager, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + E);
        notFound(manager, "/olap/v1/funnel?scopeType=TEAM&scopeId=" + D);
        notFound(manager, "/olap/v1/forecast?scopeType=OWNER&scopeId=" + REP_E);
        notFound(manager, "/olap/v1/forecast/accuracy?scopeType=TEAM&scopeId=" + E);
        notFound(manager, "/olap/v1/funnel");
    }

    @Test
    void pivotsNeedATokenAndAggregateOnlyTheCallersDataScope() {
        String byOwner = "{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"measures\":[\"count\"]}";
        http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON).body(byOwner).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.get().uri("/olap/v1/cubes").exchange().expectStatus().isUnauthorized();

        // everybody's deals: REP_A1's (team A1, below A and D) and REP_E's
        for (String role : List.of("EXECUTIVE", "ANALYST", "ADMIN")) {
            pivot(token(UUID.randomUUID().toString(), role, null), byOwner)
                    .jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(REP_A1, REP_E))
                    .jsonPath("$.cells[2].values[0].count").isEqualTo(2);
        }
        // a rep: their own deals only, whatever they filter on
        String rep = token(REP_A1, "REP", A1);
        pivot(rep, byOwner).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(REP_A1))
                .jsonPath("$.cells[1].values[0].count").isEqualTo(1);
        pivot(rep, "{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"measures\":[\"count\"],"
                + "\"filters\":[{\"field\":\"owner\",\"op\":\"in\",\"values\":[\"" + REP_E + "\",\"(none)\"]}]}")
                .jsonPath("$.cells.length()").isEqualTo(1)
                .jsonPath("$.cells[0].values[0].count").isEqualTo(0);
        pivot(token(REP_A1, "GUEST", A1), byOwner).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(REP_A1));
        // a manager: the deals of their team's subtree (A covers A1), not E's; a department manager sees below
        String byTeam = "{\"cube\":\"opportunities\",\"rows\":[\"team\"],\"measures\":[\"count\"]}";
        pivot(token(MANAGER_A, "MANAGER", A), byTeam).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(A1))
                .jsonPath("$.cells[1].values[0].count").isEqualTo(1);
        pivot(token(MANAGER_A, "MANAGER", D), byTeam).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(A1));
        pivot(token(MANAGER_A, "MANAGER", E), byTeam).jsonPath("$.rowHeaders[*].member").isEqualTo(List.of(E));
        // a manager without a team in the token: only their own deals (none here)
        pivot(token(MANAGER_A, "MANAGER", null), byTeam).jsonPath("$.cells[0].values[0].count").isEqualTo(0);
    }

    @Test
    void recordsNeedATokenAndListOnlyTheCallersDataScope() {
        String all = "{\"cube\":\"opportunities\"}";
        http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON).body(all).exchange()
                .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);

        records(token(UUID.randomUUID().toString(), "ANALYST", null), all).jsonPath("$.records.length()").isEqualTo(2);
        // a rep: their own deals, even when the cell names another owner
        String rep = token(REP_A1, "REP", A1);
        records(rep, all).jsonPath("$.records[*].owner").isEqualTo(List.of(REP_A1));
        records(rep, "{\"cube\":\"opportunities\",\"cell\":{\"owner\":\"" + REP_E + "\"}}")
                .jsonPath("$.records.length()").isEqualTo(0);
        // a manager: their team's subtree
        records(token(MANAGER_A, "MANAGER", A), all).jsonPath("$.records[*].team").isEqualTo(List.of(A1));
        records(token(MANAGER_A, "MANAGER", E), all).jsonPath("$.records[*].owner").isEqualTo(List.of(REP_E));
    }

    private org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec records(String token, String body) {
        return http.post().uri("/olap/v1/records").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk().expectBody();
    }

    @Test
    void exportsNeedATokenAndHoldOnlyTheCallersDataScope() {
        String byOwner = "{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"measures\":[\"count\"]}";
        for (String uri : List.of("/olap/v1/pivot.csv", "/olap/v1/pivot.xlsx")) {
            http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(byOwner).exchange()
                    .expectStatus().isUnauthorized().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            // the file is written after the request thread returns: still the caller's, still authorised
            http.post().uri(uri).header("Authorization", "Bearer " + token(REP_A1, "REP", A1))
                    .contentType(MediaType.APPLICATION_JSON).body(byOwner).exchange().expectStatus().isOk();
        }
        assertThat(csv(token(UUID.randomUUID().toString(), "EXECUTIVE", null), byOwner))
                .isEqualTo("\uFEFFOwner,Count\r\n" + REP_A1 + ",1\r\n" + REP_E + ",1\r\nTotal,2\r\n");
        assertThat(csv(token(REP_A1, "REP", A1), byOwner)).isEqualTo("\uFEFFOwner,Count\r\n" + REP_A1 + ",1\r\nTotal,1\r\n");
        assertThat(csv(token(MANAGER_A, "MANAGER", E), byOwner)).isEqualTo("\uFEFFOwner,Count\r\n" + REP_E + ",1\r\nTotal,1\r\n");
    }

    private String csv(String token, String body) {
        return http.post().uri("/olap/v1/pivot.csv").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private org.springframework.test.web.servlet.client.RestTestClient.BodyContentSpec pivot(String token, String body) {
        return http.post().uri("/olap/v1/pivot").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange()
                .expectStatus().isOk().expectBody();
    }

    private void notFound(String token, String uri) {
        String body = get(token, uri).expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).as(uri).contains("\"status\":404").doesNotContain("count");
    }

    private RestTestClient.ResponseSpec get(String token, String uri) {
        return http.get().uri(uri).header("Authorization", "Bearer " + token).exchange();
    }

    static String token(String subject, String role, String teamId) {
        return ISSUER.token(subject, List.of(role), teamId);
    }





    private void deal(String owner, String team, String teamPath) {
        TestDeals.insert(gateway, owner, team, teamPath, new BigDecimal("100.00"));
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
