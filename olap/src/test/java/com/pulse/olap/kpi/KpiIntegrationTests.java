package com.pulse.olap.kpi;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** {@code GET /olap/v1/kpis} over HTTP, on a fresh devstack ClickHouse database with known rows. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(KpiIntegrationTests.class);
    static final String TEAM = KpiDualEngineTests.TEAM;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void knownRows() {
        gateway.migrate();
        gateway.execute("SYSTEM STOP MERGES kpis");
        gateway.insertJsonEachRow("kpis", List.of(KpiDualEngineTests.row("TEAM", TEAM, "MTD", "1500.50", "0.2500", 3)));
        gateway.insertJsonEachRow("kpis", List.of(KpiDualEngineTests.row("TEAM", TEAM, "MTD", "999.00", "0.5000", 1)));
        gateway.insertJsonEachRow("kpis", List.of(KpiDualEngineTests.row("TEAM", TEAM, "TODAY", "0.00", null, 2)));
        gateway.insertJsonEachRow("kpis", List.of(KpiDualEngineTests.row("COMPANY", "company", "YTD", "7.00", null, 4)));
    }

    @Test
    void aTeamsKpisAreTheLatestStoredRowsInPeriodOrderWithNullsKept() {
        http.get().uri("/olap/v1/kpis?scopeType=TEAM&scopeId=" + TEAM).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.scopeType").isEqualTo("TEAM")
                .jsonPath("$.periods.length()").isEqualTo(2)
                .jsonPath("$.periods[0].period").isEqualTo("TODAY")
                .jsonPath("$.periods[0].winRate90d").isEmpty()
                .jsonPath("$.periods[1].period").isEqualTo("MTD")
                .jsonPath("$.periods[1].revenueWon").isEqualTo(1500.5)
                .jsonPath("$.periods[1].winRate90d").isEqualTo(0.25)
                .jsonPath("$.periods[1].customersTierD").isEqualTo(4);
    }

    @Test
    void theCompanyIsTheDefaultScopeAndBadScopesAre400() {
        http.get().uri("/olap/v1/kpis").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.periods.length()").isEqualTo(1)
                .jsonPath("$.periods[0].period").isEqualTo("YTD");
        http.get().uri("/olap/v1/kpis?scopeType=TEAM&scopeId=x").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("scopeId");
    }
}
