package com.pulse.dashboards.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Labels in the records panel against a stub olap whose {@code POST /olap/v1/records} answers {@code labels} and
 * {@code warnings} (olap/DESIGN.md "Drill-through") in the language the page asks by {@code Accept-Language}: owners,
 * teams and stages shown by their labels with the ids and codes kept on the cells and the record's link unchanged;
 * a language switch asks the page again; olap's names-missing warning is said in the panel.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PivotRecordLabelsPageTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ID_1 = "0b6f2c1e-0000-4000-8000-000000000001";

    static final List<String> recordBodies = new ArrayList<>();
    static final List<String> recordLanguages = new ArrayList<>();
    static volatile boolean namesMissing;

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/cubes", (req, res) -> json(res, PivotPageTests.CUBES))
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body ->
                            json(res, byRegion("zh-CN".equals(req.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE))))))
                    .post("/olap/v1/records", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        String language = req.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
                        remember(recordBodies, body);
                        remember(recordLanguages, language);
                        return json(res, records(tree(body).get("cell").toString(), "zh-CN".equals(language)));
                    }))
                    .get("/olap/v1/views", (req, res) -> json(res, "{\"views\":[]}")))
            .bindNow();

    // region × stage with the stages labelled (the other test classes' stubs are not touched: each binds a server)
    static String byRegion(boolean zh) {
        String stages = zh ? "\"stage\":{\"LOST\":\"输单\",\"WON\":\"赢单\"}" : "\"stage\":{\"LOST\":\"Lost\",\"WON\":\"Won\"}";
        return PivotPageTests.TWO_BY_TWO.substring(0, PivotPageTests.TWO_BY_TWO.lastIndexOf('}'))
                + ",\"labels\":{\"region\":{\"APAC\":\"APAC\",\"EMEA\":\"EMEA\"}," + stages + "},\"warnings\":[]}";
    }

    /** One record of owner u-1 in team t-1 at WON, labelled as olap labels it (ids when the names are missing). */
    static String records(String cell, boolean zh) {
        String owner = namesMissing ? "u-1" : "王芳";
        String team = namesMissing ? "t-1" : "East China";
        String warnings = namesMissing ? "[\"names missing: the api answered 503; owners and teams are shown by id\"]" : "[]";
        return """
                {"cube":"opportunities","cell":%s,"pageSize":50,
                 "records":[{"id":"%s","owner":"u-1","team":"t-1","region":"APAC","stage":"WON","amountBase":1200.5,
                             "href":"/api/v1/opportunities/%s"}],
                 "nextCursor":null,
                 "labels":{"owner":{"u-1":"%s"},"team":{"t-1":"%s"},"stage":{"WON":"%s"}},"warnings":%s}"""
                .formatted(cell, ID_1, ID_1, owner, team, zh ? "赢单" : "Won", warnings);
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + olap.port());
    }

    @AfterAll
    static void stopOlap() {
        olap.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void recordsShowOwnersTeamsAndStagesByLabelAndKeepTheirKeys() throws IOException {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("ana", "ANALYST"), "/pivot.html");
            chromium.waitUpTo(WAIT, b -> "Opportunities".equals(chromium.text("#cube option")));
            pick(chromium, "add-rows", "region");
            pick(chromium, "add-columns", "stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> chromium.visible("#pivot-table td.v"));

            // APAC × Won: the records asked in the page's language, by the cell's keys
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child td.v:nth-of-type(3)")).click();
            chromium.waitUpTo(WAIT, b -> chromium.visible("#records") && !row(chromium).isEmpty());
            assertThat(last(recordLanguages)).isEqualTo("en");
            assertThat(tree(last(recordBodies)).get("cell"))
                    .isEqualTo(tree("{\"region\":\"APAC\",\"stage\":\"WON\"}"));
            assertThat(row(chromium)).containsExactly(ID_1, "王芳", "East China", "APAC", "Won", "1,200.5");
            // the keys stay on the cells, the record's link is its id's
            assertThat(keys(chromium)).isEqualTo(Map.of("owner", "u-1", "team", "t-1", "stage", "WON"));
            assertThat(chromium.script("return document.querySelector('#records-table tbody a').getAttribute('href')"))
                    .isEqualTo("/api/v1/opportunities/" + ID_1);
            assertThat(chromium.visible("#records-labels-missing")).isFalse();

            // zh-CN: the open page asked again in Chinese, the stage relabelled
            int asked = size(recordBodies);
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(WAIT, b -> size(recordBodies) > asked && row(chromium).contains("赢单"));
            assertThat(last(recordLanguages)).isEqualTo("zh-CN");
            assertThat(tree(last(recordBodies)))
                    .isEqualTo(tree(recordBodies.get(asked - 1)));
            assertThat(row(chromium)).containsExactly(ID_1, "王芳", "East China", "APAC", "赢单", "1,200.5");
            chromium.screenshot("pivot-record-labels-zh-CN.png");

            // olap could not read the names: ids in the panel, and the panel says why
            namesMissing = true;
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child td.v:nth-of-type(3)")).click();
            chromium.waitUpTo(WAIT, b -> chromium.visible("#records-labels-missing"));
            assertThat(row(chromium)).containsExactly(ID_1, "u-1", "t-1", "APAC", "赢单", "1,200.5");
            assertThat(chromium.text("#records-labels-missing")).isEqualTo("无法读取名称：负责人和团队以 ID 显示。");
        } finally {
            namesMissing = false;
        }
    }

    private static void pick(HeadlessChromium chromium, String select, String value) {
        new Select(chromium.browser().findElement(By.id(select))).selectByValue(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> row(HeadlessChromium chromium) {
        return (List<String>) chromium.script("const tr = document.querySelector('#records-table tbody tr');"
                + " return tr && tr.querySelector('a') ? Array.from(tr.cells).map(td => td.textContent) : []");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> keys(HeadlessChromium chromium) {
        return (Map<String, String>) chromium.script("const out = {};"
                + " document.querySelectorAll('#records-table tbody td[data-key]').forEach(td => out[td.dataset.field] = td.dataset.key);"
                + " return out");
    }

    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Mono<Void> json(HttpServerResponse res, String body) {
        return res.status(200).header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }

    private static void remember(List<String> list, String value) {
        synchronized (list) {
            list.add(value);
        }
    }

    private static String last(List<String> list) {
        synchronized (list) {
            return list.get(list.size() - 1);
        }
    }

    private static int size(List<String> list) {
        synchronized (list) {
            return list.size();
        }
    }
}
