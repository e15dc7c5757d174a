package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.PivotFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
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
 * Top-N per row level over HTTP on devstack ClickHouse holding {@link PivotFixture}: the kept members, the
 * {@code (other)} lines and true subtotals and totals, cell by cell; bad and hostile limits are 400s.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopMembersIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TopMembersIntegrationTests.class);
    static final List<String> MEASURES = List.of("count", "amountBase", "weighted", "avgDealSize", "winRate");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        gateway.migrate();
        gateway.insertJsonEachRow("opportunities", PivotFixture.superseded());
        gateway.insertJsonEachRow("opportunities", PivotFixture.opportunities());
    }

    @Test
    void theTopRegionsByAmountAndTheTopStageOfEachByCountWithOtherAndTrueTotals() {
        Map<String, Object> body = body();
        body.put("topByLevel", List.of(Map.of("n", 2, "by", "amountBase"), Map.of("n", 1, "by", "count")));
        PivotIntegrationTests.Matrix m = pivot(body);

        // regions by amount: West 700 (P3 P4), East 300 (P1 P2) kept; (none) 50.50 (P5) and North 10 (P7) folded.
        // One stage each by count, ties by member: East CLOSED_WON (P2) then PROSPECTING (P1) folded;
        // West CLOSED_LOST (P3) then NEGOTIATION (P4) folded.
        assertThat(m.cells()).extracting(PivotIntegrationTests.Line::path, PivotIntegrationTests.Line::kind).containsExactly(
                Tuple.tuple(List.of("East", "CLOSED_WON"), "member"), Tuple.tuple(List.of("East", "(other)"), "other"),
                Tuple.tuple(List.of("East"), "subtotal"),
                Tuple.tuple(List.of("West", "CLOSED_LOST"), "member"), Tuple.tuple(List.of("West", "(other)"), "other"),
                Tuple.tuple(List.of("West"), "subtotal"),
                Tuple.tuple(List.of("(other)"), "other"), Tuple.tuple(List.of(), "total"));
        Map<String, Object> zero = PivotIntegrationTests.cell(0, "0.00", "0.00", null, null);
        // months Jan Feb Mar Apr, then the row total
        assertThat(m.cells().get(1).values()).containsExactly(   // East's other: P1 100 at 10 %, January
                PivotIntegrationTests.cell(1, "100.00", "10.00", "100.00", null), zero, zero, zero,
                PivotIntegrationTests.cell(1, "100.00", "10.00", "100.00", null));
        assertThat(m.cells().get(2).values().get(4)).isEqualTo(PivotIntegrationTests.cell(2, "300.00", "210.00", "150.00", "1.0000"));
        assertThat(m.cells().get(4).values().get(3)).isEqualTo(PivotIntegrationTests.cell(1, "400.00", "320.00", "400.00", null));
        assertThat(m.cells().get(5).values().get(4)).isEqualTo(PivotIntegrationTests.cell(2, "700.00", "320.00", "350.00", "0.0000"));
        assertThat(m.cells().get(6).values()).containsExactly(   // (none) P5 50.50 won in March, North P7 10 at 20 % in April
                zero, zero, PivotIntegrationTests.cell(1, "50.50", "50.50", "50.50", "1.0000"),
                PivotIntegrationTests.cell(1, "10.00", "2.00", "10.00", null),
                PivotIntegrationTests.cell(2, "60.50", "52.50", "30.25", "1.0000"));
        // the grand totals are every fact's
        assertThat(m.cells().get(7).values()).containsExactly(
                PivotIntegrationTests.cell(2, "300.00", "210.00", "150.00", "1.0000"), zero,
                PivotIntegrationTests.cell(2, "350.50", "50.50", "175.25", "0.5000"),
                PivotIntegrationTests.cell(2, "410.00", "322.00", "205.00", null),
                PivotIntegrationTests.cell(6, "1060.50", "582.50", "176.75", "0.6667"));
        assertThat(m.rowHeaders()).extracting(PivotIntegrationTests.Header::member).containsExactly("East", "West", "(other)");
    }

    @Test
    void oneLimitForEveryLevelAndTheSortOfTheKeptMembers() {
        Map<String, Object> body = body();
        body.put("top", Map.of("n", 1, "by", "weighted"));
        body.put("sort", Map.of("by", "amountBase", "direction", "desc"));
        PivotIntegrationTests.Matrix m = pivot(body);
        // weighted: West 320, East 210 → West; under it NEGOTIATION 320 beats CLOSED_LOST 0
        assertThat(m.cells()).extracting(PivotIntegrationTests.Line::path).containsExactly(
                List.of("West", "NEGOTIATION"), List.of("West", "(other)"), List.of("West"), List.of("(other)"), List.of());
        assertThat(m.cells().get(3).values().get(4)).isEqualTo(PivotIntegrationTests.cell(4, "360.50", "262.50", "90.13", "1.0000"));
    }

    @Test
    void badAndHostileLimitsAre400NamingTheField() {
        int answered = 0;
        for (String h : HostileInput.strings()) {
            for (Map.Entry<String, Object> e : List.of(
                    Map.entry("top", (Object) Map.of("n", 5, "by", h)),
                    Map.entry("top", (Object) Map.of("n", h, "by", "count")),
                    Map.entry("topByLevel", (Object) List.of(Map.of("n", 1, "by", "count"), Map.of("n", 1, "by", h))))) {
                Map<String, Object> body = body();
                body.put(e.getKey(), e.getValue());
                int status = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                        .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().returnResult(String.class)
                        .getStatus().value();
                assertThat(status).as(body.toString()).isEqualTo(400);
                answered++;
            }
        }
        assertThat(answered).isGreaterThan(150);
        String problem = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(Map.of("cube", "opportunities", "rows", List.of("stage"),
                        "measures", List.of("count", "winRate"), "top", Map.of("n", 3, "by", "amount")))).exchange()
                .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(problem).contains("\"field\":\"top.by\"").contains("\"winRate\"");
    }

    private static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", List.of("region", "stage"));
        body.put("columns", List.of("createdMonth"));
        body.put("measures", MEASURES);
        return body;
    }

    private PivotIntegrationTests.Matrix pivot(Map<String, Object> body) {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return PivotIntegrationTests.JSON.readValue(json, PivotIntegrationTests.Matrix.class);
    }
}
