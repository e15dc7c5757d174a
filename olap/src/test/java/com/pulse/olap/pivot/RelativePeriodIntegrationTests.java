package com.pulse.olap.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.PivotFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Relative date filters over HTTP, the service's clock fixed at 00:30 on April 1st 2026 in the company zone
 * (Asia/Shanghai) over {@link PivotFixture}: pivots and records count the hand-worked facts; unknown and hostile
 * periods are 400s listing the valid ones.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelativePeriodIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(RelativePeriodIntegrationTests.class);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.company.time-zone", () -> "Asia/Shanghai");
    }

    @TestConfiguration
    static class FixedClock {
        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(Instant.parse("2026-03-31T16:30:00Z"), ZoneOffset.UTC);
        }
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
    void thisAndLastQuarterAreTheCompanysQuartersAtTheFixedClock() {
        // closed last quarter (Q1 in the company zone): P2 (R1), P3 (R2, 23:59:59 on March 31st there)
        PivotIntegrationTests.Matrix last = pivot("last_quarter");
        assertThat(last.cells()).extracting(PivotIntegrationTests.Line::path)
                .containsExactly(List.of(PivotFixture.R1), List.of(PivotFixture.R2), List.of());
        // closed this quarter: P5 (R3), at 00:00 on April 1st there
        PivotIntegrationTests.Matrix current = pivot("this_quarter");
        assertThat(current.cells()).extracting(PivotIntegrationTests.Line::path).containsExactly(List.of(PivotFixture.R3), List.of());
        assertThat(records("this_quarter")).extracting(r -> r.get("id")).containsExactly(PivotFixture.P5);
        assertThat(records("last_7_days")).extracting(r -> r.get("id")).containsExactly(PivotFixture.P3, PivotFixture.P5);
    }

    @Test
    void theCatalogueOffersRelativeOnDateFields() {
        String body = http.get().uri("/olap/v1/cubes").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        assertThat(body).contains("{\"field\":\"closedDate\",\"labelEn\":\"Closed date\",\"labelZhCN\":\"成交日期\",\"ops\":[\"between\",\"relative\"]}");
    }

    @Test
    void unknownAndHostilePeriodsAre400ListingTheValidOnes() {
        int answered = 0;
        for (String h : HostileInput.strings()) {
            for (String uri : List.of("/olap/v1/pivot", "/olap/v1/records")) {
                String problem = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                        .body(PivotIntegrationTests.JSON.writeValueAsString(body(h))).exchange()
                        .expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody(String.class).returnResult().getResponseBody();
                assertThat(problem).contains("\"field\":\"filters[0].value\"").contains("\"last_N_days\"");
                answered++;
            }
        }
        assertThat(answered).isGreaterThan(100);
    }

    private static Map<String, Object> body(String period) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cube", "opportunities");
        body.put("rows", List.of("owner"));
        body.put("measures", List.of("count"));
        body.put("filters", List.of(Map.of("field", "closedDate", "op", "relative", "value", period)));
        return body;
    }

    private PivotIntegrationTests.Matrix pivot(String period) {
        String json = http.post().uri("/olap/v1/pivot").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body(period))).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return PivotIntegrationTests.JSON.readValue(json, PivotIntegrationTests.Matrix.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> records(String period) {
        Map<String, Object> body = body(period);
        body.remove("rows");
        body.remove("measures");
        String json = http.post().uri("/olap/v1/records").contentType(MediaType.APPLICATION_JSON)
                .body(PivotIntegrationTests.JSON.writeValueAsString(body)).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return (List<Map<String, Object>>) PivotIntegrationTests.JSON.readValue(json, Map.class).get("records");
    }
}
