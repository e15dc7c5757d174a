package com.pulse.dashboards.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Member labels on the pivot page against a stub olap that answers {@code labels} (olap/DESIGN.md "Member labels") in
 * the language the page asks by {@code Accept-Language}: the table, the drill path and the records panel show the
 * labels while every request back to olap — drill-down filters, the records cell — and the cells' data attributes keep
 * the keys; a language switch asks again; olap's names-missing warning is said under the summary.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PivotLabelsPageTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    static final List<String> pivotBodies = new ArrayList<>();
    static final List<String> languages = new ArrayList<>();
    static final List<String> recordBodies = new ArrayList<>();
    static volatile boolean namesMissing;

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/cubes", (req, res) -> json(res, PivotPageTests.CUBES))
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        String language = req.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
                        remember(pivotBodies, body);
                        remember(languages, language);
                        boolean zh = "zh-CN".equals(language);
                        boolean byOwner = tree(body).get("rows").toString().equals("[\"owner\"]");
                        return json(res, byOwner ? byOwner(zh) : byRegion(zh));
                    }))
                    .post("/olap/v1/records", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        remember(recordBodies, body);
                        return json(res, "{\"cube\":\"opportunities\",\"cell\":" + tree(body).get("cell")
                                + ",\"pageSize\":50,\"records\":[],\"nextCursor\":null}");
                    }))
                    .get("/olap/v1/views", (req, res) -> json(res, "{\"views\":[]}")))
            .bindNow();

    static String stages(boolean zh) {
        return zh ? "\"stage\":{\"LOST\":\"输单\",\"WON\":\"赢单\"}" : "\"stage\":{\"LOST\":\"Lost\",\"WON\":\"Won\"}";
    }

    static String byRegion(boolean zh) {
        return PivotPageTests.TWO_BY_TWO.substring(0, PivotPageTests.TWO_BY_TWO.lastIndexOf('}'))
                + ",\"labels\":{\"region\":{\"APAC\":\"APAC\",\"EMEA\":\"EMEA\"}," + stages(zh) + "},\"warnings\":[]}";
    }

    static String byOwner(boolean zh) {
        String warnings = namesMissing ? "[\"names missing: the api answered 503; owners and teams are shown by id\"]" : "[]";
        String owners = namesMissing ? "\"owner\":{\"u-1\":\"u-1\",\"u-2\":\"u-2\"}" : "\"owner\":{\"u-1\":\"王芳\",\"u-2\":\"Li Lei\"}";
        return """
                {"cube":"opportunities","rows":["owner"],"columns":["stage"],"measures":["count"],
                 "rowHeaders":[{"member":"u-1","children":[]},{"member":"u-2","children":[]}],
                 "columnHeaders":[{"member":"LOST","children":[]},{"member":"WON","children":[]}],
                 "columnKeys":[{"path":["LOST"],"level":1,"kind":"member"},{"path":["WON"],"level":1,"kind":"member"},
                               {"path":[],"level":0,"kind":"total"}],
                 "cells":[
                  {"path":["u-1"],"level":1,"kind":"member","values":[{"count":1},{"count":4},{"count":5}]},
                  {"path":["u-2"],"level":1,"kind":"member","values":[{"count":2},{"count":3},{"count":5}]},
                  {"path":[],"level":0,"kind":"total","values":[{"count":3},{"count":7},{"count":10}]}],
                 "labels":{%s,%s},"warnings":%s}""".formatted(owners, stages(zh), warnings);
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
    void membersAreShownByTheirLabelsAndSentBackByTheirKeys() throws IOException {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("ana", "ANALYST"), "/pivot.html");
            chromium.waitUpTo(WAIT, b -> "Opportunities".equals(chromium.text("#cube option")));
            pick(chromium, "add-rows", "region");
            pick(chromium, "add-columns", "stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("APAC", "EMEA", "Total")));
            // the stages by label, asked in the page's language; the figures still addressed by the keys
            assertThat(last(languages)).isEqualTo("en");
            assertThat(headerRow(chromium)).containsExactly("Stage", "Lost", "Won", "Total");
            assertThat(chromium.script("return document.querySelector('#pivot-table td.v').dataset.column")).isEqualTo("LOST");

            // drill APAC down by owner: the owners by name, the filter sent with the key
            pick(chromium, "drill-by", "owner");
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child button.drill")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("王芳", "Li Lei", "Total")));
            assertThat(tree(last(pivotBodies)).get("filters")).isEqualTo(tree("[{\"field\":\"region\",\"op\":\"eq\",\"value\":\"APAC\"}]"));
            assertThat(chromium.script("return document.querySelector('#pivot-table tbody tr').dataset.path")).isEqualTo("u-1");
            assertThat(chromium.visible("#labels-missing")).isFalse();

            // drill-through of 王芳 × Won: the cell by keys, the panel by labels
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child td.v:nth-of-type(2)")).click();
            chromium.waitUpTo(WAIT, b -> chromium.visible("#records"));
            assertThat(tree(last(recordBodies)).get("cell")).isEqualTo(tree("{\"owner\":\"u-1\",\"stage\":\"WON\"}"));
            assertThat(chromium.text("#records-cell")).isEqualTo("Owner = 王芳, Stage = Won");

            // zh-CN: asked again in Chinese, the stages relabelled, the owners' names as they are
            int asked = size(pivotBodies);
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(WAIT, b -> size(pivotBodies) > asked && headerRow(chromium).contains("赢单"));
            assertThat(last(languages)).isEqualTo("zh-CN");
            assertThat(headerRow(chromium)).containsExactly("阶段", "输单", "赢单", "总计");
            assertThat(firstColumn(chromium)).containsExactly("王芳", "Li Lei", "总计");
            assertThat(tree(last(pivotBodies))).isEqualTo(tree(pivotBodies.get(asked - 1)));
            chromium.screenshot("pivot-labels-zh-CN.png");

            // olap could not read the names: ids, and the page says why they are ids
            namesMissing = true;
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> chromium.visible("#labels-missing"));
            assertThat(firstColumn(chromium)).containsExactly("u-1", "u-2", "总计");
            assertThat(chromium.text("#labels-missing")).isEqualTo("无法读取名称：负责人和团队以 ID 显示。");
        } finally {
            namesMissing = false;
        }
    }

    private static void pick(HeadlessChromium chromium, String select, String value) {
        new Select(chromium.browser().findElement(By.id(select))).selectByValue(value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> firstColumn(HeadlessChromium chromium) {
        return (List<String>) chromium.script(
                "return Array.from(document.querySelectorAll('#pivot-table tbody tr')).map(tr => tr.cells[0].textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> headerRow(HeadlessChromium chromium) {
        return (List<String>) chromium.script("const tr = document.querySelector('#pivot-table thead tr');"
                + " return tr ? Array.from(tr.cells).map(c => c.textContent).filter(s => s !== '') : []");
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

    static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
