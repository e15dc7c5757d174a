package com.pulse.olap.funnel;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.math.BigDecimal;
import java.time.LocalDate;
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

/**
 * {@code GET /olap/v1/funnel/flow} over HTTP on a fresh devstack ClickHouse database holding {@link FlowFixture}:
 * every row its own part and merges stopped, so superseded opportunity versions and the duplicate transition are
 * there to be miscounted unless the reads are FINAL. The figures are worked out in {@link FlowDualEngineTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FlowIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(FlowIntegrationTests.class);
    static final String OCTOBER = "from=2026-10-01&to=2026-11-01";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
    }

    // Exact decimals: a wrong scale (0.8 instead of 0.8000) must fail the comparison.
    static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    record ScopeJson(String type, String id) {
    }

    record StageJson(String stage, long reached, BigDecimal conversionToNext, BigDecimal avgDaysInStage, long exits) {
    }

    record FlowJson(ScopeJson scope, String from, String to, List<StageJson> stages, long won, long lost, long cohort) {
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
    void fixture() {
        gateway.migrate();
        gateway.execute("SYSTEM STOP MERGES opportunities");
        gateway.execute("SYSTEM STOP MERGES stage_transitions");
        // superseded versions after the latest ones: insertion order cannot stand in for FINAL
        insertEach("opportunities", FlowFixture.opportunities());
        insertEach("opportunities", FlowFixture.supersededOpportunities());
        insertEach("stage_transitions", FlowFixture.transitions());
        insertEach("stage_transitions", List.of(FlowFixture.lostO3()));
    }

    @Test
    void theCompanysOctoberFlowIsReachedConversionAndDaysInStage() {
        String body = http.get().uri("/olap/v1/funnel/flow?" + OCTOBER).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();

        FlowJson flow = JSON.readValue(body, FlowJson.class);
        assertThat(flow.scope()).isEqualTo(new ScopeJson("COMPANY", "company"));
        assertThat(flow.from()).isEqualTo("2026-10-01");
        assertThat(flow.to()).isEqualTo("2026-11-01");
        assertThat(List.of(flow.cohort(), flow.won(), flow.lost())).containsExactly(5L, 1L, 2L);
        assertThat(flow.stages()).containsExactly(
                stage("PROSPECTING", 5, "0.8000", "4.56", 3),
                stage("QUALIFICATION", 4, "1.0000", "2.17", 3),
                stage("NEEDS_ANALYSIS", 4, "0.7500", "1.00", 1),
                stage("PROPOSAL", 3, "0.6667", "4.00", 1),
                stage("NEGOTIATION", 2, "0.5000", "2.00", 1));
        // ratios and days are JSON numbers at their scale, not strings
        assertThat(body).contains("\"conversionToNext\":0.8000,").contains("\"avgDaysInStage\":4.56,");
    }

    @Test
    void aTeamsFlowCountsItsSubTeamsDealsByTheirCurrentTeam() {
        FlowJson flow = flow("/olap/v1/funnel/flow?" + OCTOBER + "&scopeType=TEAM&scopeId=" + FlowFixture.D.toUpperCase());

        assertThat(flow.scope()).isEqualTo(new ScopeJson("TEAM", FlowFixture.D));
        assertThat(List.of(flow.cohort(), flow.won(), flow.lost())).containsExactly(3L, 1L, 1L);
        assertThat(flow.stages()).containsExactly(
                stage("PROSPECTING", 3, "1.0000", "4.56", 3),
                stage("QUALIFICATION", 3, "1.0000", "2.75", 2),
                stage("NEEDS_ANALYSIS", 3, "0.6667", null, 0),
                stage("PROPOSAL", 2, "0.5000", "4.00", 1),
                stage("NEGOTIATION", 1, "1.0000", null, 0));
        assertThat(body("/olap/v1/funnel/flow?" + OCTOBER + "&scopeType=TEAM&scopeId=" + FlowFixture.D))
                .contains("\"avgDaysInStage\":null");
    }

    @Test
    void anOwnersFlowHasOnlyTheDealsTheyOwnNow() {
        FlowJson flow = flow("/olap/v1/funnel/flow?" + OCTOBER + "&scopeType=OWNER&scopeId=" + FlowFixture.REP2);

        assertThat(List.of(flow.cohort(), flow.won(), flow.lost())).containsExactly(2L, 0L, 1L);
        assertThat(flow.stages()).extracting(StageJson::reached).containsExactly(2L, 1L, 1L, 1L, 1L);
        assertThat(flow.stages()).extracting(StageJson::conversionToNext).containsExactly(
                new BigDecimal("0.5000"), new BigDecimal("1.0000"), new BigDecimal("1.0000"), new BigDecimal("1.0000"), new BigDecimal("0.0000"));
        assertThat(flow.stages()).extracting(StageJson::exits).containsExactly(0L, 1L, 1L, 0L, 1L);
    }

    @Test
    void aScopeWithoutDealsHasEveryStageAtZeroAndNoRatios() {
        FlowJson flow = flow("/olap/v1/funnel/flow?" + OCTOBER + "&scopeType=TEAM&scopeId=7e000000-0000-4000-8000-0000000000ff");

        assertThat(flow.cohort()).isZero();
        assertThat(flow.stages()).containsExactly(
                stage("PROSPECTING", 0, null, null, 0),
                stage("QUALIFICATION", 0, null, null, 0),
                stage("NEEDS_ANALYSIS", 0, null, null, 0),
                stage("PROPOSAL", 0, null, null, 0),
                stage("NEGOTIATION", 0, null, null, 0));
    }

    @Test
    void theDefaultPeriodIsTheNinetyDaysUpToTomorrowInTheCompanyZone() {
        LocalDate before = LocalDate.now(FlowFixture.ZONE);
        FlowJson flow = flow("/olap/v1/funnel/flow");
        LocalDate after = LocalDate.now(FlowFixture.ZONE);

        LocalDate to = LocalDate.parse(flow.to());
        assertThat(to).isBetween(before.plusDays(1), after.plusDays(1));
        assertThat(LocalDate.parse(flow.from())).isEqualTo(to.minusDays(90));
        // only to given: from is 90 days before it
        assertThat(flow("/olap/v1/funnel/flow?to=2026-11-01").from()).isEqualTo("2026-08-03");
    }

    @Test
    void badDatesAreABadRequestNamingTheParameter() {
        for (Map.Entry<String, String> bad : Map.of(
                "from=2026-13-01", "from",
                "from=2026-02-30", "from",
                "to=yesterday", "to",
                "to=+2026-11-01", "to",
                "from=2026-10-1", "from").entrySet()) {
            ProblemJson problem = problem("/olap/v1/funnel/flow?" + bad.getKey());
            assertThat(problem.errors()).as(bad.getKey()).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo(bad.getValue());
                assertThat(e.validValues()).containsExactly("a date YYYY-MM-DD");
            });
        }
    }

    @Test
    void anEmptyOrReversedPeriodIsABadRequestNamingFrom() {
        for (String period : List.of("from=2026-11-01&to=2026-11-01", "from=2026-11-02&to=2026-11-01")) {
            ProblemJson problem = problem("/olap/v1/funnel/flow?" + period);
            assertThat(problem.errors()).as(period).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("from");
                assertThat(e.validValues()).containsExactly("a date before to (2026-11-01)");
            });
        }
    }

    @Test
    void aPeriodLongerThanThreeYearsIsABadRequestNamingFrom() {
        ProblemJson problem = problem("/olap/v1/funnel/flow?from=2023-10-31&to=2026-11-01");
        assertThat(problem.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("from");
            assertThat(e.reason()).contains("2023-10-31");
        });
        // exactly three years is allowed
        assertThat(flow("/olap/v1/funnel/flow?from=2023-11-01&to=2026-11-01").cohort()).isEqualTo(6);
    }

    @Test
    void badScopesAreABadRequestNamingTheParameter() {
        assertThat(problem("/olap/v1/funnel/flow?scopeType=DEPARTMENT").errors()).extracting(ErrorJson::field)
                .containsExactly("scopeType");
        assertThat(problem("/olap/v1/funnel/flow?scopeType=OWNER&scopeId=' OR 1=1 --").errors()).extracting(ErrorJson::field)
                .containsExactly("scopeId");
    }

    private FlowJson flow(String uri) {
        return JSON.readValue(body(uri), FlowJson.class);
    }

    private String body(String uri) {
        return http.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private ProblemJson problem(String uri) {
        String body = http.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        ProblemJson problem = JSON.readValue(body, ProblemJson.class);
        assertThat(problem.status()).isEqualTo(400);
        return problem;
    }

    private void insertEach(String table, List<Map<String, Object>> rows) {
        rows.forEach(row -> gateway.insertJsonEachRow(table, List.of(row)));
    }

    private static StageJson stage(String name, long reached, String conversion, String avgDays, long exits) {
        return new StageJson(name, reached, conversion == null ? null : new BigDecimal(conversion),
                avgDays == null ? null : new BigDecimal(avgDays), exits);
    }
}
