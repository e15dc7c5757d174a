package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The cockpit's own behaviour in a real browser, against a stub OLAP service and a stub STOMP
 * broker behind the gateway: the page subscribes to the shown scope's funnel, KPI and forecast
 * destinations (not to every scope's funnel), pushed funnel cells are drawn and highlighted, a pushed KPI
 * set changes its tiles and a pushed forecast month the attainment tile without a read, a funnel push makes
 * the page re-read the flow funnel (which is not broadcast), and after a lost connection the page says so,
 * reconnects and reloads what it missed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CockpitLiveUpdatesTests {

    static final String FUNNEL = "/topic/agg/funnel/COMPANY/company";
    static final String KPIS = "/topic/agg/kpis/COMPANY/company";
    static final String FORECAST = "/topic/agg/forecast/COMPANY/company";

    static final AtomicInteger olapProposalCount = new AtomicInteger(2);
    static final AtomicInteger olapReads = new AtomicInteger();
    static final AtomicInteger kpiReads = new AtomicInteger();
    static final AtomicInteger flowReads = new AtomicInteger();
    static final StubStompBroker broker = new StubStompBroker();

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/funnel", (req, res) -> {
                olapReads.incrementAndGet();
                return json(res, funnelJson(olapProposalCount.get()));
            }).get("/olap/v1/funnel/flow", (req, res) -> {
                flowReads.incrementAndGet();
                return json(res, "{\"stages\":[{\"stage\":\"PROPOSAL\",\"reached\":3,\"conversionToNext\":0.5000}],\"won\":1,\"lost\":0}");
            }).get("/olap/v1/kpis", (req, res) -> {
                kpiReads.incrementAndGet();
                return json(res, "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"periods\":[{\"period\":\"TODAY\","
                        + "\"revenueWon\":0.00,\"weightedPipeline\":100.00,\"openPipeline\":200.00,\"changedAt\":\"2026-11-27T10:00:00Z\"},"
                        + "{\"period\":\"MTD\",\"revenueWon\":50.00,\"weightedPipeline\":100.00,\"openPipeline\":200.00,"
                        + "\"changedAt\":\"2026-11-27T10:00:00Z\"}]}");
            }).get("/olap/v1/forecast", (req, res) -> json(res, "{\"asOf\":\"2026-11-27T10:00:00Z\",\"months\":[{\"month\":\""
                    + YearMonth.now() + "\",\"closedWon\":500.00,\"pipeline\":0,\"weighted\":100.00,\"commit\":700.00,"
                    + "\"bestCase\":900.00,\"projected\":600.00,\"target\":1000.00,\"attainment\":0.5000,\"gap\":500.00,"
                    + "\"coverage\":null,\"overdueCount\":0}]}")))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + olap.port());
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:" + broker.port());
    }

    @AfterAll
    static void stopBackends() {
        olap.disposeNow();
        broker.close();
    }

    @LocalServerPort
    int port;

    @Test
    void pushedCellsAndKpisAreDrawnAndAfterALostConnectionThePageReconnectsAndReloads() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            // given the open cockpit of a signed-in executive, live, showing the OLAP figures
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("exec", "EXECUTIVE"), "/cockpit.html");
            chromium.waitUpTo(Duration.ofSeconds(40), b -> "live".equals(chromium.connectionState())
                    && broker.subscriptions.size() == 3 && "2".equals(chromium.cell("PROPOSAL", "count")));

            assertThat(broker.connectAuthorization.get()).as("the CONNECT frame carries the bearer token")
                    .startsWith("Bearer ey");
            assertThat(broker.destinations()).as("the company's scoped destinations, not every scope's funnel")
                    .containsExactly(FORECAST, FUNNEL, KPIS);
            assertThat(broker.log).noneMatch(f -> f.contains("/topic/funnel"));

            // and the KPIs read at connect and once more to reconcile
            chromium.waitUpTo(Duration.ofSeconds(15), b -> kpiReads.get() >= 2 && flowReads.get() >= 2 && "100".equals(chromium.tile("weightedPipeline"))
                    && "0.5".equals(chromium.tile("targetAttainment")));
            assertThat(chromium.tileAttribute("weightedPipeline", "data-highlighted-at")).as("a first load is no change").isNull();
            int flowReadsBefore = flowReads.get();

            // when the broker pushes a PROPOSAL cell of the company
            assertThat(broker.push(FUNNEL, funnelCell("PROPOSAL", 5, "12345.6", "7407.36"))).isTrue();

            // then the company's cell shows the pushed figures, highlighted
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "5".equals(chromium.cell("PROPOSAL", "count")));
            assertThat(chromium.cell("PROPOSAL", "amount")).isEqualTo("12345.60");
            assertThat(chromium.cell("PROPOSAL", "weighted")).isEqualTo("7407.36");
            assertThat(chromium.rowHighlighted("PROPOSAL")).isTrue();
            chromium.waitUpTo(Duration.ofSeconds(5), b -> !chromium.rowHighlighted("PROPOSAL"));
            // and the flow funnel, which is not broadcast, is read again
            chromium.waitUpTo(Duration.ofSeconds(15), b -> flowReads.get() > flowReadsBefore);

            // when the broker pushes the company's MTD KPI set (olap still answers the old figures)
            assertThat(broker.push(KPIS, kpiSet("MTD", "7407.36", "12345.6", "950.004", "2026-11-27T11:00:00.250Z"))).isTrue();

            // then the tiles show the pushed figures, rounded to cents as olap rounds them, the changed ones highlighted
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "7407.36".equals(chromium.tile("weightedPipeline")));
            assertThat(chromium.tile("openPipeline")).isEqualTo("12345.6");
            assertThat(chromium.tile("revenueWon.MTD")).isEqualTo("950");
            assertThat(chromium.tile("revenueWon.TODAY")).as("another period's push did not come").isEqualTo("0");
            assertThat(Long.parseLong(chromium.tileAttribute("weightedPipeline", "data-highlighted-at")))
                    .isGreaterThanOrEqualTo(Long.parseLong(chromium.tileAttribute("weightedPipeline", "data-changed-at")));
            assertThat(chromium.text(".tile[data-kpi='weightedPipeline'] .figure")).isEqualTo("7,407.36");
            // (olap never answers these figures, so they came from the push and not from a read)

            // and a pushed forecast month of now changes the attainment tile
            assertThat(broker.push(FORECAST, forecastMonth(YearMonth.now().toString(), "800.00", "1000.00", "0.8"))).isTrue();
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "0.8".equals(chromium.tile("targetAttainment")));
            assertThat(chromium.tileAttribute("targetAttainment", "data-highlighted-at")).isNotNull();

            int reads = kpiReads.get();

            // when the connection drops while a change happens that the page cannot hear
            int readsBefore = olapReads.get();
            broker.accepting.set(false);
            olapProposalCount.set(9);
            broker.dropConnection();

            // then it says it is reconnecting, and once back it subscribes again and reloads the figures it missed
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "reconnecting".equals(chromium.connectionState()));
            broker.accepting.set(true);
            chromium.waitUpTo(Duration.ofSeconds(15), b -> "live".equals(chromium.connectionState()));
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "9".equals(chromium.cell("PROPOSAL", "count")));
            assertThat(olapReads.get()).isGreaterThan(readsBefore);
            chromium.waitUpTo(Duration.ofSeconds(5), b -> broker.subscriptions.size() == 3);
            assertThat(broker.destinations()).containsExactly(FORECAST, FUNNEL, KPIS);
            // the reload after the reconnect read olap's KPIs, older than the pushed ones: the pushed figures stay
            chromium.waitUpTo(Duration.ofSeconds(15), b -> kpiReads.get() > reads);
            assertThat(chromium.tile("weightedPipeline")).isEqualTo("7407.36");
            chromium.screenshot("cockpit-after-reconnect.png");
        }
    }

    static String funnelCell(String stage, int count, String amount, String weighted) {
        return String.format("{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"stage\":\"%s\",\"count\":%d,"
                + "\"amount\":%s,\"weighted\":%s,\"at\":\"2026-11-27T10:00:00Z\"}", stage, count, amount, weighted);
    }

    /** A KpiChanged of the company as the notifier sends it (events' JSON: exact decimals, ISO instants). */
    static String kpiSet(String period, String weighted, String open, String revenueWon, String at) {
        return "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"period\":\"" + period + "\",\"periodStart\":\"2026-11-01\","
                + "\"asOf\":\"2026-11-27\",\"revenueWon\":" + revenueWon + ",\"newLeads\":3,\"leadsConverted\":1,\"leadsClosed\":2,"
                + "\"leadConversionRate\":0.5,\"newOpportunities\":4,\"activities\":9,\"newCustomers\":1,\"openPipeline\":" + open + ","
                + "\"weightedPipeline\":" + weighted + ",\"winRate90d\":0.25,\"avgDealSize90d\":1000,\"salesCycleDays90d\":31.5,"
                + "\"customersByTier\":{\"A\":1,\"B\":2,\"C\":0,\"D\":4},\"targets\":[],\"at\":\"" + at + "\"}";
    }

    /** A ForecastChanged of the company for one month. */
    static String forecastMonth(String month, String closedWon, String target, String attainment) {
        return "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"month\":\"" + month + "\",\"closedWon\":" + closedWon
                + ",\"pipeline\":0,\"weighted\":100.00,\"commit\":900.00,\"bestCase\":1100.00,\"projected\":900.00,"
                + "\"at\":\"2026-11-27T11:00:01Z\",\"target\":" + target + ",\"attainment\":" + attainment
                + ",\"gap\":200.00,\"coverage\":null,\"overdueCount\":0}";
    }

    static Mono<Void> json(reactor.netty.http.server.HttpServerResponse res, String body) {
        return res.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE).sendString(Mono.just(body)).then();
    }

    private static String funnelJson(int proposalCount) {
        StringBuilder stages = new StringBuilder();
        String[] names = {"PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"};
        for (int i = 0; i < names.length; i++) {
            int count = names[i].equals("PROPOSAL") ? proposalCount : 0;
            stages.append(i == 0 ? "" : ",").append(String.format(
                    "{\"stage\":\"%s\",\"order\":%d,\"count\":%d,\"amount\":%d.00,\"weighted\":%d.00}",
                    names[i], i + 1, count, count * 1000, count * 600));
        }
        return "{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"asOf\":\"2026-11-27T10:00:00Z\",\"stages\":["
                + stages + "]}";
    }
}
