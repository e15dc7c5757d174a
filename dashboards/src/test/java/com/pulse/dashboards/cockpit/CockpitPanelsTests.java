package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Every cockpit panel against stub api and olap services behind the gateway: the figures drawn are the
 * ones olap answered, the leaderboard is named from the api's users, and the scope picker re-reads every
 * panel for a team (with its sub-teams) and for one person.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CockpitPanelsTests {

    static final String SALES = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String SALES_EAST = "aaaaaaaa-0000-4000-8000-000000000002";
    static final String ANNA = "bbbbbbbb-0000-4000-8000-000000000001";
    static final String BORIS = "bbbbbbbb-0000-4000-8000-000000000002";

    /** Every olap request as "METHOD path?query" (and the pivot's body), in order. */
    static final List<String> olapRequests = new CopyOnWriteArrayList<>();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/teams", (req, res) -> json(res, "{\"items\":["
                            + "{\"id\":\"" + SALES + "\",\"name\":\"Sales\",\"parentId\":null},"
                            + "{\"id\":\"" + SALES_EAST + "\",\"name\":\"Sales East\",\"parentId\":\"" + SALES + "\"}],\"nextCursor\":null}"))
                    .get("/api/v1/users", (req, res) -> json(res, "{\"items\":["
                            + "{\"id\":\"" + ANNA + "\",\"username\":\"anna\",\"name\":\"Anna Li\",\"teamId\":\"" + SALES + "\"},"
                            + "{\"id\":\"" + BORIS + "\",\"username\":\"boris\",\"name\":\"Boris Wang\",\"teamId\":\"" + SALES_EAST + "\"}],"
                            + "\"nextCursor\":null}")))
            .bindNow();

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/olap/v1/funnel", (req, res) -> {
                        olapRequests.add("GET " + req.uri());
                        return json(res, "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"asOf\":\"2026-11-27T10:00:00Z\",\"stages\":["
                                + "{\"stage\":\"PROSPECTING\",\"order\":1,\"count\":4,\"amount\":4000.00,\"weighted\":400.00},"
                                + "{\"stage\":\"PROPOSAL\",\"order\":4,\"count\":2,\"amount\":2000.00,\"weighted\":1200.00}]}");
                    })
                    .get("/olap/v1/funnel/flow", (req, res) -> {
                        olapRequests.add("GET " + req.uri());
                        return json(res, "{\"stages\":[{\"stage\":\"PROSPECTING\",\"reached\":10,\"conversionToNext\":0.4500},"
                                + "{\"stage\":\"PROPOSAL\",\"reached\":3,\"conversionToNext\":null}],\"won\":1,\"lost\":0}");
                    })
                    .get("/olap/v1/kpis", (req, res) -> {
                        olapRequests.add("GET " + req.uri());
                        return json(res, "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"periods\":["
                                + kpiRow("TODAY", "10.00", 1) + "," + kpiRow("MTD", "300.25", 7) + ","
                                + kpiRow("QTD", "900.00", 20) + "," + kpiRow("YTD", "12345.67", 99) + "]}");
                    })
                    .get("/olap/v1/forecast", (req, res) -> {
                        olapRequests.add("GET " + req.uri());
                        String month = java.time.YearMonth.now().toString();
                        return json(res, "{\"asOf\":\"2026-11-27T10:00:00Z\",\"months\":[{\"month\":\"" + month + "\","
                                + "\"closedWon\":500.00,\"pipeline\":0,\"weighted\":100.00,\"commit\":700.00,\"bestCase\":900.00,"
                                + "\"projected\":600.00,\"target\":1000.00,\"attainment\":0.5000,\"gap\":500.00,\"coverage\":null,"
                                + "\"overdueCount\":0}]}");
                    })
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        olapRequests.add("POST " + req.uri() + " " + body);
                        return json(res, "{\"cells\":["
                                + "{\"path\":[\"" + BORIS + "\"],\"level\":1,\"kind\":\"member\",\"values\":[{\"amountBase\":900.00,\"count\":3}]},"
                                + "{\"path\":[\"" + ANNA + "\"],\"level\":1,\"kind\":\"member\",\"values\":[{\"amountBase\":1500.00,\"count\":2}]},"
                                + "{\"path\":[],\"level\":0,\"kind\":\"total\",\"values\":[{\"amountBase\":2400.00,\"count\":5}]}]}");
                    })))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + api.port());
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + olap.port());
        // no notifier: the page stays "reconnecting", which these panels do not depend on
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        List.of(api, olap).forEach(DisposableServer::disposeNow);
    }

    @LocalServerPort
    int port;

    @Test
    void everyPanelShowsOlapsFiguresAndTheScopePickerRereadsThemForATeamAndAPerson() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("exec", "EXECUTIVE"), "/cockpit.html");

            // the tiles hold olap's numbers (as JavaScript reads the JSON numbers), formatted for the reader
            chromium.waitUpTo(wait, b -> "12345.67".equals(chromium.tile("revenueWon.YTD")));
            assertThat(chromium.tile("revenueWon.TODAY")).isEqualTo("10");
            assertThat(chromium.tile("revenueWon.MTD")).isEqualTo("300.25");
            assertThat(chromium.tile("weightedPipeline")).isEqualTo("4200.5");
            assertThat(chromium.tile("newLeads")).isEqualTo("7");
            assertThat(chromium.tile("winRate90d")).isEqualTo("0.25");
            assertThat(chromium.text(".tile[data-kpi='revenueWon.YTD'] .figure")).isEqualTo("12,345.67");
            assertThat(chromium.text(".tile[data-kpi='winRate90d'] .figure")).isEqualTo("25.0%");
            assertThat(chromium.text(".tile[data-kpi='salesCycleDays90d'] .figure")).isEqualTo("31.5 days");
            chromium.waitUpTo(wait, b -> "0.5".equals(chromium.tile("targetAttainment")));
            assertThat(chromium.text(".tile[data-kpi='targetAttainment'] .figure")).isEqualTo("50.0%");

            // the funnel's conversion column, the pyramid and the named, ordered leaderboard
            chromium.waitUpTo(wait, b -> "0.4500".equals(chromium.cell("PROSPECTING", "conversion")));
            assertThat(chromium.text("#PROSPECTING-conversion")).isEqualTo("→ 45.0%");
            assertThat(chromium.cell("PROPOSAL", "conversion")).isEmpty();
            assertThat(chromium.script("return Array.from(document.querySelectorAll('#pyramid-table td')).map(td => td.dataset.value)"))
                    .isEqualTo(List.of("2", "5", "11", "30"));
            chromium.waitUpTo(wait, b -> "Anna Li".equals(chromium.text("#leaders-table tbody tr:first-child th")));
            assertThat(chromium.text("#leaders-table tbody tr:nth-child(2) th")).isEqualTo("Boris Wang");
            assertThat(chromium.text("#leaders-table tbody tr:first-child td[data-field='amount']")).isEqualTo("1,500.00");
            String companyPivot = last("POST /olap/v1/pivot");
            assertThat(companyPivot).contains("\"rows\":[\"owner\"]", "CLOSED_WON", "\"field\":\"closedDate\"")
                    .doesNotContain("\"field\":\"team\"", "\"field\":\"owner\"");
            chromium.screenshot("cockpit-panels.png");

            // choosing a team re-reads every panel for that team, the leaderboard over the team and its sub-teams
            olapRequests.clear();
            new Select(chromium.browser().findElement(By.id("scope-team"))).selectByValue(SALES);
            chromium.waitUpTo(wait, b -> last("POST /olap/v1/pivot") != null && last("GET /olap/v1/kpis") != null
                    && last("GET /olap/v1/funnel?") != null && last("GET /olap/v1/forecast") != null
                    && last("GET /olap/v1/funnel/flow") != null);
            for (String read : List.of("GET /olap/v1/kpis", "GET /olap/v1/funnel?", "GET /olap/v1/forecast", "GET /olap/v1/funnel/flow")) {
                assertThat(last(read)).as(read).contains("scopeType=TEAM&scopeId=" + SALES);
            }
            assertThat(last("POST /olap/v1/pivot")).contains("\"field\":\"team\",\"op\":\"in\",\"values\":[\"" + SALES + "\",\"" + SALES_EAST + "\"]");
            assertThat(chromium.script("return Array.from(document.querySelectorAll('#scope-owner option')).map(o => o.text)"))
                    .isEqualTo(List.of("Whole team", "Anna Li"));

            // and choosing a person re-reads them for that owner
            olapRequests.clear();
            new Select(chromium.browser().findElement(By.id("scope-owner"))).selectByValue(ANNA);
            chromium.waitUpTo(wait, b -> last("POST /olap/v1/pivot") != null && last("GET /olap/v1/kpis") != null);
            assertThat(last("GET /olap/v1/kpis")).contains("scopeType=OWNER&scopeId=" + ANNA);
            assertThat(last("POST /olap/v1/pivot")).contains("\"field\":\"owner\",\"op\":\"eq\",\"value\":\"" + ANNA + "\"");
        }
    }

    private static String last(String prefix) {
        String found = null;
        for (String request : olapRequests) {
            if (request.startsWith(prefix)) {
                found = request;
            }
        }
        return found;
    }

    private static String kpiRow(String period, String revenueWon, int newLeads) {
        return "{\"period\":\"" + period + "\",\"periodStart\":\"2026-01-01\",\"asOf\":\"2026-11-27\",\"revenueWon\":" + revenueWon
                + ",\"newLeads\":" + newLeads + ",\"openPipeline\":9000.00,\"weightedPipeline\":4200.50"
                + ",\"winRate90d\":0.2500,\"avgDealSize90d\":750.00,\"salesCycleDays90d\":31.50,"
                + "\"customersTierA\":2,\"customersTierB\":5,\"customersTierC\":11,\"customersTierD\":30,"
                + "\"changedAt\":\"2026-11-27T10:00:00Z\"}";
    }

    private static Mono<Void> json(reactor.netty.http.server.HttpServerResponse res, String body) {
        return res.header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }
}
