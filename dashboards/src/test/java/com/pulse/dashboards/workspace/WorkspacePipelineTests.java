package com.pulse.dashboards.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
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
import reactor.netty.http.server.HttpServerResponse;

/**
 * "My pipeline by stage" against a stub api that keeps versions and answers PATCH with If-Match as the api
 * does: the page asks for the signed-in user's deals only, groups the open ones by stage, moves a deal with
 * the version it read, and on a 412 shows the problem's detail and re-reads the deal.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspacePipelineTests {

    /** The {@code sub} of {@link FakeTokens}: the signed-in rep. */
    static final String ME = "0b6f8f0e-2d55-4f0e-9d3c-000000000001";
    static final String OTHER_REP = "0b6f8f0e-2d55-4f0e-9d3c-000000000002";

    record Deal(String id, String owner, String name, String stage, String amount, long version) {
        String json() {
            return "{\"id\":\"" + id + "\",\"ownerId\":\"" + owner + "\",\"name\":\"" + name + "\",\"stage\":\"" + stage
                    + "\",\"amount\":" + amount + ",\"currency\":\"CNY\",\"expectedCloseDate\":\"2026-12-15\","
                    + "\"updatedAt\":\"2026-11-27T10:00:00Z\",\"version\":" + version + "}";
        }
    }

    static final Map<String, Deal> deals = new ConcurrentHashMap<>();
    /** Every api request as "METHOD uri [If-Match] [body]", in order. */
    static final List<String> apiRequests = new CopyOnWriteArrayList<>();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/opportunities", (req, res) -> {
                        apiRequests.add("GET " + req.uri());
                        String owner = req.uri().replaceAll(".*[?&]ownerId=([^&]*).*", "$1");
                        String items = deals.values().stream().filter(d -> d.owner().equals(owner))
                                .map(Deal::json).collect(Collectors.joining(","));
                        return json(res, "{\"items\":[" + items + "],\"nextCursor\":null}");
                    })
                    .get("/api/v1/opportunities/{id}", (req, res) -> {
                        apiRequests.add("GET " + req.uri());
                        return json(res, deals.get(req.param("id")).json());
                    })
                    .route(req -> req.method() == HttpMethod.PATCH && req.uri().startsWith("/api/v1/opportunities/"), (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        String ifMatch = req.requestHeaders().get(HttpHeaders.IF_MATCH);
                        apiRequests.add("PATCH " + req.uri() + " " + ifMatch + " " + body);
                        Deal d = deals.get(req.uri().substring("/api/v1/opportunities/".length()));
                        if (!("\"" + d.version() + "\"").equals(ifMatch)) {
                            return res.status(412).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                    .sendString(Mono.just("{\"type\":\"about:blank\",\"title\":\"Precondition Failed\",\"status\":412,"
                                            + "\"detail\":\"version " + d.version() + " is current, not " + ifMatch.replace("\"", "\\\"") + "\"}")).then();
                        }
                        String stage = body.replaceAll(".*\"stage\":\"([A-Z_]+)\".*", "$1");
                        Deal moved = new Deal(d.id(), d.owner(), d.name(), stage, d.amount(), d.version() + 1);
                        deals.put(d.id(), moved);
                        return res.header(HttpHeaders.ETAG, "\"" + moved.version() + "\"")
                                .header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(moved.json())).then();
                    })))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + api.port());
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:9");
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:9");
    }

    @AfterAll
    static void stop() {
        api.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void aRepSeesOnlyTheirOpenDealsByStageMovesOneAndIsToldWhenAnotherChangedMeanwhile() throws Exception {
        put(new Deal("d-1", ME, "Alpha Foods", "PROSPECTING", "1200.50", 3));
        put(new Deal("d-2", ME, "Beta Steel", "PROSPECTING", "800.00", 5));
        put(new Deal("d-3", ME, "Gamma Retail", "PROPOSAL", "5000.00", 1));
        put(new Deal("d-4", ME, "Delta Won", "CLOSED_WON", "700.00", 9));
        put(new Deal("d-9", OTHER_REP, "Someone Else's", "PROSPECTING", "999.00", 1));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rep", "REP"), "/workspace.html");

            // the open deals of the signed-in rep, grouped by stage in pipeline order; won and other reps' deals absent
            chromium.waitUpTo(wait, b -> rowsIn("PROSPECTING", chromium).size() == 2);
            assertThat(rowsIn("PROSPECTING", chromium)).containsExactlyInAnyOrder("d-1", "d-2");
            assertThat(rowsIn("PROPOSAL", chromium)).containsExactly("d-3");
            assertThat(groups(chromium)).containsExactly("PROSPECTING", "PROPOSAL");
            assertThat(chromium.text("tr[data-id='d-1'] td.amount")).isEqualTo("1,200.50 CNY");
            assertThat(chromium.text("section[data-stage='PROSPECTING'] h3")).isEqualTo("Prospecting2 deals");
            // a deal's name opens its record page, not the api's JSON
            assertThat(chromium.browser().findElement(By.cssSelector("tr[data-id='d-1'] a")).getAttribute("href"))
                    .endsWith("/record.html?type=opportunity&id=d-1");
            assertThat(apiRequests).anyMatch(r -> r.startsWith("GET /api/v1/opportunities?") && r.contains("ownerId=" + ME))
                    .noneMatch(r -> r.contains("ownerId=" + OTHER_REP));
            chromium.screenshot("workspace-pipeline.png");

            // moving a deal sends the version read as If-Match; the api's answer puts it under its new stage
            moveTo("d-1", "QUALIFICATION", chromium);
            chromium.waitUpTo(wait, b -> rowsIn("QUALIFICATION", chromium).contains("d-1"));
            assertThat(deals.get("d-1").stage()).isEqualTo("QUALIFICATION");
            assertThat(deals.get("d-1").version()).isEqualTo(4);
            assertThat(apiRequests).contains("PATCH /api/v1/opportunities/d-1 \"3\" {\"stage\":\"QUALIFICATION\"}");
            assertThat(rowsIn("PROSPECTING", chromium)).containsExactly("d-2");
            assertThat(chromium.visible("#pipeline-message")).isFalse();

            // someone else moves d-2 meanwhile: the page's move is refused, it says why and shows the deal as it now is
            put(new Deal("d-2", ME, "Beta Steel", "NEGOTIATION", "800.00", 6));
            moveTo("d-2", "PROPOSAL", chromium);
            chromium.waitUpTo(wait, b -> rowsIn("NEGOTIATION", chromium).contains("d-2"));
            assertThat(chromium.text("#pipeline-message"))
                    .isEqualTo("“Beta Steel” was changed by someone else meanwhile and has been reloaded: version 6 is current, not \"5\"");
            assertThat(deals.get("d-2").stage()).isEqualTo("NEGOTIATION");
            assertThat(chromium.browser().findElement(By.cssSelector("tr[data-id='d-2']")).getAttribute("data-version")).isEqualTo("6");
            assertThat(rowsIn("PROSPECTING", chromium)).isEmpty();

            // in Chinese: the panel's title and the stage names
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的商机（按阶段）".equals(chromium.text("#pipeline h2")));
            assertThat(chromium.text("section[data-stage='NEGOTIATION'] h3")).isEqualTo("谈判1 个商机");
            assertThat(chromium.text("header h1 .sub")).isEqualTo("我的工作台");
            chromium.screenshot("workspace-pipeline-zh-CN.png");
        }
    }

    private static void put(Deal deal) {
        deals.put(deal.id(), deal);
    }

    private static void moveTo(String id, String stage, HeadlessChromium chromium) {
        new Select(chromium.browser().findElement(By.cssSelector("tr[data-id='" + id + "'] select.move"))).selectByValue(stage);
    }

    @SuppressWarnings("unchecked")
    private static List<String> rowsIn(String stage, HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll("
                + "\"section[data-stage='\" + arguments[0] + \"'] tr[data-id]\")).map(tr => tr.dataset.id)", stage);
    }

    @SuppressWarnings("unchecked")
    private static List<String> groups(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('section.stage-group')).map(s => s.dataset.stage)");
    }

    private static Mono<Void> json(HttpServerResponse res, String body) {
        return res.header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }
}
