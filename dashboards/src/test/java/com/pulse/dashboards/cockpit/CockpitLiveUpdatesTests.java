package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The cockpit's own behaviour in a real browser, against a stub OLAP service and a stub STOMP
 * broker behind the gateway: pushed cells are drawn and highlighted, a push makes the page re-read the
 * KPIs (which are not broadcast), other scopes are ignored, and after a lost connection the page says
 * so, reconnects and reloads what it missed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CockpitLiveUpdatesTests {

    static final AtomicInteger olapProposalCount = new AtomicInteger(2);
    static final AtomicInteger olapReads = new AtomicInteger();
    static final AtomicBoolean acceptingWebSockets = new AtomicBoolean(true);
    /** Frames to the browser on the current STOMP connection, and its subscription id. */
    static final AtomicReference<Sinks.Many<String>> toBrowser = new AtomicReference<>();
    static final AtomicReference<String> subscription = new AtomicReference<>();
    static final AtomicReference<String> connectAuthorization = new AtomicReference<>();
    /** The stub's KPIs: the company's weighted pipeline and when it last changed. */
    static final AtomicReference<String> kpiWeighted = new AtomicReference<>("100.00");
    static final AtomicReference<String> kpiChangedAt = new AtomicReference<>("2026-11-27T10:00:00Z");
    static final AtomicInteger kpiReads = new AtomicInteger();

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/funnel", (req, res) -> {
                olapReads.incrementAndGet();
                return res.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                        .sendString(Mono.just(funnelJson(olapProposalCount.get())));
            }).get("/olap/v1/kpis", (req, res) -> {
                kpiReads.incrementAndGet();
                return res.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                        .sendString(Mono.just("{\"scopeType\":\"COMPANY\",\"scopeId\":\"company\",\"periods\":[{\"period\":\"TODAY\","
                                + "\"weightedPipeline\":" + kpiWeighted.get() + ",\"changedAt\":\"" + kpiChangedAt.get() + "\"}]}"));
            }))
            .bindNow();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/ws", (req, res) -> {
                if (!acceptingWebSockets.get()) {
                    return res.status(503).send();
                }
                return res.sendWebsocket((in, out) -> {
                    Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
                    toBrowser.set(frames);
                    in.receive().asString().subscribe(frame -> {
                        if (frame.startsWith("CONNECT")) {
                            connectAuthorization.set(header(frame, "Authorization"));
                            frames.tryEmitNext("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
                        } else if (frame.startsWith("SUBSCRIBE")) {
                            subscription.set(header(frame, "id"));
                        }
                    });
                    return out.sendString(frames.asFlux());
                });
            }))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + olap.port());
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:" + notifier.port());
    }

    @AfterAll
    static void stopBackends() {
        List.of(olap, notifier).forEach(DisposableServer::disposeNow);
    }

    @LocalServerPort
    int port;

    @Test
    void pushedCellsAreDrawnAndAfterALostConnectionThePageReconnectsAndReloads() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            // given the open cockpit of a signed-in executive, live, showing the OLAP figures
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("exec", "EXECUTIVE"), "/cockpit.html");
            chromium.waitUpTo(Duration.ofSeconds(40), b -> "live".equals(chromium.connectionState())
                    && subscription.get() != null && "2".equals(chromium.cell("PROPOSAL", "count")));

            assertThat(connectAuthorization.get()).as("the CONNECT frame carries the bearer token")
                    .startsWith("Bearer ey");

            // and the KPIs read at connect and once more to reconcile, so only a push makes the page read them again
            chromium.waitUpTo(Duration.ofSeconds(15), b -> kpiReads.get() >= 2 && "100".equals(chromium.tile("weightedPipeline")));
            assertThat(chromium.tileAttribute("weightedPipeline", "data-highlighted-at")).as("a first load is no change").isNull();

            // when the KPIs change in olap (the notifier does not broadcast them) and the broker pushes a PROPOSAL
            // cell, then one for another scope
            kpiWeighted.set("700.00");
            kpiChangedAt.set("2026-11-27T11:00:00Z");
            push(Map.of("scopeType", "COMPANY", "scopeId", "company", "stage", "PROPOSAL", "count", "5",
                    "amount", "12345.6", "weighted", "7407.36"));
            push(Map.of("scopeType", "TEAM", "scopeId", "t1", "stage", "PROPOSAL", "count", "99",
                    "amount", "1", "weighted", "1"));

            // then the company's cell shows the pushed figures, highlighted
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "5".equals(chromium.cell("PROPOSAL", "count")));
            assertThat(chromium.cell("PROPOSAL", "amount")).isEqualTo("12345.60");
            assertThat(chromium.cell("PROPOSAL", "weighted")).isEqualTo("7407.36");
            assertThat(chromium.rowHighlighted("PROPOSAL")).isTrue();
            chromium.waitUpTo(Duration.ofSeconds(5), b -> !chromium.rowHighlighted("PROPOSAL"));

            // and the push made the page re-read the KPIs: the changed tile shows the new figure, highlighted
            chromium.waitUpTo(Duration.ofSeconds(15), b -> "700".equals(chromium.tile("weightedPipeline")));
            assertThat(Long.parseLong(chromium.tileAttribute("weightedPipeline", "data-highlighted-at")))
                    .isGreaterThanOrEqualTo(Long.parseLong(chromium.tileAttribute("weightedPipeline", "data-changed-at")));
            assertThat(chromium.text(".tile[data-kpi='weightedPipeline'] .figure")).isEqualTo("700.00");
            assertThat(chromium.cell("PROPOSAL", "count")).as("another scope's cell is not drawn").isEqualTo("5");

            // when the connection drops while a change happens that the page cannot hear
            int readsBefore = olapReads.get();
            acceptingWebSockets.set(false);
            olapProposalCount.set(9);
            toBrowser.get().tryEmitComplete();

            // then it says it is reconnecting, and once back it reloads the figures it missed
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "reconnecting".equals(chromium.connectionState()));
            acceptingWebSockets.set(true);
            chromium.waitUpTo(Duration.ofSeconds(15), b -> "live".equals(chromium.connectionState()));
            chromium.waitUpTo(Duration.ofSeconds(5), b -> "9".equals(chromium.cell("PROPOSAL", "count")));
            assertThat(olapReads.get()).isGreaterThan(readsBefore);
            chromium.screenshot("cockpit-after-reconnect.png");
        }
    }

    private static void push(Map<String, String> cell) {
        String body = String.format("{\"scopeType\":\"%s\",\"scopeId\":\"%s\",\"stage\":\"%s\",\"count\":%s,"
                        + "\"amount\":%s,\"weighted\":%s,\"at\":\"2026-11-27T10:00:00Z\"}",
                cell.get("scopeType"), cell.get("scopeId"), cell.get("stage"), cell.get("count"),
                cell.get("amount"), cell.get("weighted"));
        toBrowser.get().tryEmitNext("MESSAGE\ndestination:/topic/funnel\nsubscription:" + subscription.get()
                + "\nmessage-id:m" + System.nanoTime() + "\ncontent-type:application/json\n\n" + body + "\0");
    }

    private static String header(String frame, String name) {
        return frame.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElse(null);
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
