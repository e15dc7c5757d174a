package com.pulse.olap.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** {@code GET /olap/v1/funnel} over HTTP, on a fresh devstack ClickHouse database with known cells. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FunnelIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(FunnelIntegrationTests.class);
    static final String TEAM = "7e000000-0000-4000-8000-0000000000a1";
    static final String OWNER = "0a000000-0000-4000-8000-0000000000b2";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
    }

    // Exact decimals: a wrong scale (1234.5 instead of 1234.50) must fail the comparison.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record FunnelJson(String scopeType, String scopeId, String asOf, List<StageJson> stages) {
    }

    record StageJson(String stage, int order, long count, BigDecimal amount, BigDecimal weighted) {
    }

    record ErrorJson(String field, String reason, List<String> validValues) {
    }

    record ProblemJson(int status, String title, String detail, List<ErrorJson> errors) {
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void knownCells() {
        gateway.migrate();
        // One insert per row, each its own part, and no background merges: only FINAL can pick
        // the highest version. Versions arrive out of order, and the superseded version 20 even
        // carries the latest timestamp, so neither insertion order nor time can stand in for FINAL.
        gateway.execute("SYSTEM STOP MERGES funnel_snapshot");
        insert("COMPANY", "company", "PROSPECTING", 1, 1, "100.00", "10.00", "2026-11-27 09:00:00", 10);
        insert("COMPANY", "company", "PROSPECTING", 1, 3, "1234.50", "123.45", "2026-11-27 10:15:30", 30);
        insert("COMPANY", "company", "PROSPECTING", 1, 2, "999.99", "99.99", "2026-11-27 10:20:00", 20);
        insert("COMPANY", "company", "NEEDS_ANALYSIS", 3, 2, "5000.00", "2000.00", "2026-11-27 08:00:00", 4);
        // every deal left PROPOSAL: the latest cell is all zeros
        insert("COMPANY", "company", "PROPOSAL", 4, 4, "40000.00", "24000.00", "2026-11-27 07:00:00", 5);
        insert("COMPANY", "company", "PROPOSAL", 4, 0, "0.00", "0.00", "2026-11-27 07:30:00", 7);
        insert("COMPANY", "company", "NEGOTIATION", 5, 1, "1234567890123456.78", "987654312098765.42", "2026-11-27 06:00:00", 2);
        // not drawn: a closed stage, another scope
        insert("COMPANY", "company", "CLOSED_WON", 6, 9, "900.00", "900.00", "2026-11-27 11:00:00", 40);
        insert("TEAM", TEAM, "QUALIFICATION", 2, 5, "500.00", "100.00", "2026-11-27 12:00:00", 50);
        insert("TEAM", TEAM, "QUALIFICATION", 2, 6, "600.00", "120.00", "2026-11-27 12:05:00", 55);
        insert("TEAM", TEAM, "NEGOTIATION", 5, 1, "80.10", "64.08", "2026-11-27 11:00:00", 51);
        insert("OWNER", OWNER, "PROPOSAL", 4, 2, "300.00", "180.00", "2026-11-27 13:00:00", 60);
        insert("OWNER", "0a000000-0000-4000-8000-0000000000b3", "PROPOSAL", 4, 9, "9.00", "9.00", "2026-11-27 14:00:00", 61);
    }

    @Test
    void theCompanyFunnelHasEveryOpenStageInOrderWithTheLatestVersionOfEachCell() {
        String body = http.get().uri("/olap/v1/funnel").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        FunnelJson funnel = JSON.readValue(body, FunnelJson.class);
        assertThat(funnel.scopeType()).isEqualTo("COMPANY");
        assertThat(funnel.scopeId()).isEqualTo("company");
        assertThat(Instant.parse(funnel.asOf())).isEqualTo(Instant.parse("2026-11-27T10:15:30Z"));
        assertThat(funnel.stages()).containsExactly(
                new StageJson("PROSPECTING", 1, 3, new BigDecimal("1234.50"), new BigDecimal("123.45")),
                new StageJson("QUALIFICATION", 2, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new StageJson("NEEDS_ANALYSIS", 3, 2, new BigDecimal("5000.00"), new BigDecimal("2000.00")),
                new StageJson("PROPOSAL", 4, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new StageJson("NEGOTIATION", 5, 1, new BigDecimal("1234567890123456.78"), new BigDecimal("987654312098765.42")));
        // money is a JSON number with two decimals, not a string
        assertThat(body).contains("\"amount\":1234.50,").contains("\"weighted\":0.00");
    }

    @Test
    void explicitCompanyScopeIsTheSameFunnel() {
        http.get().uri("/olap/v1/funnel?scopeType=COMPANY&scopeId=company").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.stages[0].count").isEqualTo(3);
    }

    @Test
    void aTeamFunnelHasOnlyThatTeamsCellsZeroFilled() {
        FunnelJson funnel = JSON.readValue(http.get().uri("/olap/v1/funnel?scopeType=TEAM&scopeId=" + TEAM.toUpperCase())
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), FunnelJson.class);

        assertThat(funnel.scopeType()).isEqualTo("TEAM");
        assertThat(funnel.scopeId()).isEqualTo(TEAM);
        assertThat(Instant.parse(funnel.asOf())).isEqualTo(Instant.parse("2026-11-27T12:05:00Z"));
        assertThat(funnel.stages()).containsExactly(
                new StageJson("PROSPECTING", 1, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new StageJson("QUALIFICATION", 2, 6, new BigDecimal("600.00"), new BigDecimal("120.00")),
                new StageJson("NEEDS_ANALYSIS", 3, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new StageJson("PROPOSAL", 4, 0, new BigDecimal("0.00"), new BigDecimal("0.00")),
                new StageJson("NEGOTIATION", 5, 1, new BigDecimal("80.10"), new BigDecimal("64.08")));
    }

    @Test
    void anOwnersFunnelHasOnlyThatOwnersCells() {
        FunnelJson funnel = JSON.readValue(http.get().uri("/olap/v1/funnel?scopeType=OWNER&scopeId=" + OWNER)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody(), FunnelJson.class);

        assertThat(funnel.scopeType()).isEqualTo("OWNER");
        assertThat(funnel.stages()).extracting(StageJson::count).containsExactly(0L, 0L, 0L, 2L, 0L);
        assertThat(funnel.stages().get(3).amount()).isEqualTo(new BigDecimal("300.00"));
        assertThat(funnel.stages().get(3).weighted()).isEqualTo(new BigDecimal("180.00"));
        assertThat(Instant.parse(funnel.asOf())).isEqualTo(Instant.parse("2026-11-27T13:00:00Z"));
    }

    @Test
    void anUnknownScopeTypeIsABadRequestNamingTheParameterAndTheValidValues() {
        ProblemJson problem = problem("/olap/v1/funnel?scopeType=DEPARTMENT");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scopeType");
            assertThat(e.validValues()).containsExactly("COMPANY", "TEAM", "OWNER");
            assertThat(e.reason()).contains("DEPARTMENT");
        });
    }

    @Test
    void aTeamScopeNeedsATeamId() {
        ProblemJson problem = problem("/olap/v1/funnel?scopeType=TEAM&scopeId=t1");

        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scopeId");
            assertThat(e.validValues()).containsExactly("a team id (UUID)");
        });
    }

    @Test
    void anotherScopeIdIsABadRequestNamingTheParameterAndTheValidValues() {
        ProblemJson problem = problem("/olap/v1/funnel?scopeId=' OR 1=1 --");

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("scopeId");
            assertThat(e.validValues()).containsExactly("company");
        });
    }

    private ProblemJson problem(String uri) {
        String body = http.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        return JSON.readValue(body, ProblemJson.class);
    }

    private void insert(String scopeType, String scopeId, String stage, int order, long count,
                        String amount, String weighted, String changedAt, long version) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", scopeType);
        row.put("scope_id", scopeId);
        row.put("stage", stage);
        row.put("stage_order", order);
        row.put("count", count);
        row.put("amount", new BigDecimal(amount));
        row.put("weighted", new BigDecimal(weighted));
        row.put("changed_at", changedAt);
        row.put("version", version);
        gateway.insertJsonEachRow("funnel_snapshot", List.of(row));
    }
}
