package com.pulse.dashboards.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.io.IOException;

/**
 * The analyst pivot page in a real browser, against a stub olap behind the gateway that answers the catalogue and
 * pivots in the shapes of {@code GET /olap/v1/cubes} and {@code POST /olap/v1/pivot} (olap/DESIGN.md): a 2×2 pivot
 * built with the keyboard alternative to dragging, its cells read against the JSON, subtotals collapsed, the export
 * posting exactly the query on screen with the token, a refusal's field shown, zh-CN labels from the catalogue, and a
 * 10,000-cell answer drawn with its render time logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PivotPageTests {

    private static final Logger log = LoggerFactory.getLogger(PivotPageTests.class);
    static final ObjectMapper JSON = new ObjectMapper();

    static final String CUBES = """
            {"cubes":[{"name":"opportunities","labelEn":"Opportunities","labelZhCN":"商机",
              "dimensions":[{"name":"region","labelEn":"Region","labelZhCN":"区域","grain":null},
                            {"name":"stage","labelEn":"Stage","labelZhCN":"阶段","grain":null},
                            {"name":"owner","labelEn":"Owner","labelZhCN":"负责人","grain":null},
                            {"name":"createdMonth","labelEn":"Created (month)","labelZhCN":"创建月份","grain":"month"}],
              "measures":[{"name":"count","labelEn":"Deals","labelZhCN":"商机数"},
                          {"name":"amountBase","labelEn":"Amount","labelZhCN":"金额"}],
              "filters":[{"field":"region","labelEn":"Region","labelZhCN":"区域","ops":["eq","in"]},
                         {"field":"createdDate","labelEn":"Created","labelZhCN":"创建日期","ops":["between","relative"]}]}]}""";

    /** region × stage, count and amount, with totals: the olap answer for a 2×2 pivot. */
    static final String TWO_BY_TWO = """
            {"cube":"opportunities","rows":["region"],"columns":["stage"],"measures":["count","amountBase"],
             "rowHeaders":[{"member":"APAC","children":[]},{"member":"EMEA","children":[]}],
             "columnHeaders":[{"member":"LOST","children":[]},{"member":"WON","children":[]}],
             "columnKeys":[{"path":["LOST"],"level":1,"kind":"member"},{"path":["WON"],"level":1,"kind":"member"},
                           {"path":[],"level":0,"kind":"total"}],
             "cells":[
              {"path":["APAC"],"level":1,"kind":"member","values":[{"count":3,"amountBase":1200.50},{"count":7,"amountBase":98000.00},{"count":10,"amountBase":99200.50}]},
              {"path":["EMEA"],"level":1,"kind":"member","values":[{"count":2,"amountBase":400.00},{"count":5,"amountBase":51234.25},{"count":7,"amountBase":51634.25}]},
              {"path":[],"level":0,"kind":"total","values":[{"count":5,"amountBase":1600.50},{"count":12,"amountBase":149234.25},{"count":17,"amountBase":150834.75}]}]}""";

    static final byte[] XLSX = "PK-fake-but-binary-xlsx-bytes".getBytes(StandardCharsets.ISO_8859_1);

    static final List<String> pivotBodies = new ArrayList<>();
    static final Map<String, String> exportBodies = new ConcurrentHashMap<>();
    static final Map<String, String> exportAuthorization = new ConcurrentHashMap<>();
    static final Map<String, String> exportUri = new ConcurrentHashMap<>();

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/cubes", (req, res) -> res.header(HttpHeaders.CONTENT_TYPE, "application/json")
                            .sendString(Mono.just(CUBES)).then())
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        synchronized (pivotBodies) {
                            pivotBodies.add(body);
                        }
                        JsonNode query = tree(body);
                        if (query.get("rows").size() + query.get("columns").size() > 2) {
                            return res.status(400).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                    .sendString(Mono.just("{\"title\":\"Bad Request\",\"status\":400,\"errors\":[{\"field\":\"rows[1]\","
                                            + "\"reason\":\"the dimension is used twice\"}]}")).then();
                        }
                        String answer = query.get("rows").get(0).asText().equals("owner") ? tenThousandCells() : TWO_BY_TWO;
                        return res.header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(answer)).then();
                    }))
                    .post("/olap/v1/pivot.xlsx", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        exportBodies.put("xlsx", body);
                        exportAuthorization.put("xlsx", req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                        exportUri.put("xlsx", req.uri());
                        return res.header(HttpHeaders.CONTENT_TYPE,
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").sendByteArray(Mono.just(XLSX)).then();
                    })))
            .bindNow();

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
    void buildsATwoByTwoPivotExportsItAndDrawsTenThousandCellsInEnglishAndChinese() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            String base = "http://localhost:" + port;
            Duration wait = Duration.ofSeconds(10);
            String token = FakeTokens.valid("ana", "ANALYST");
            chromium.openSignedIn(base, token, "/pivot.html");
            chromium.waitUpTo(wait, b -> "Opportunities".equals(chromium.text("#cube option")));

            // the keyboard alternative to dragging: region into rows, stage into columns, both measures
            new Select(chromium.browser().findElement(By.id("add-rows"))).selectByValue("region");
            new Select(chromium.browser().findElement(By.id("add-columns"))).selectByValue("stage");
            chromium.browser().findElement(By.cssSelector("#measure-list input[value='amountBase']")).click();
            assertThat(chromium.text("#rows li")).startsWith("Region");
            assertThat(chromium.text("#columns li")).startsWith("Stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(wait, b -> rows(chromium).size() == 3);

            JsonNode asked = JSON.readTree(lastPivotBody());
            assertThat(asked.get("rows").toString()).isEqualTo("[\"region\"]");
            assertThat(asked.get("columns").toString()).isEqualTo("[\"stage\"]");
            assertThat(asked.get("measures").toString()).isEqualTo("[\"count\",\"amountBase\"]");

            // two cells against the JSON: APAC × WON count, EMEA × LOST amount; and the grand total
            JsonNode answer = JSON.readTree(TWO_BY_TWO);
            List<List<String>> rows = rows(chromium);
            assertThat(rows.get(0).get(0)).isEqualTo("APAC");
            assertThat(rows.get(0).get(3)).isEqualTo(answer.at("/cells/0/values/1/count").asText());
            assertThat(rows.get(1).get(2)).isEqualTo("400.00");
            assertThat(answer.at("/cells/1/values/0/amountBase").decimalValue()).isEqualByComparingTo("400.00");
            assertThat(rows.get(0).get(4)).isEqualTo("98,000.00");
            assertThat(rows.get(2)).containsExactly("Total", "5", "1,600.50", "12", "149,234.25", "17", "150,834.75");
            assertThat(headerRows(chromium).get(0)).containsExactly("Stage", "LOST", "WON", "Total");
            assertThat(headerRows(chromium).get(1)).containsExactly("Region", "Deals", "Amount", "Deals", "Amount", "Deals", "Amount");
            chromium.screenshot("pivot-en.png");

            // the export posts exactly the query on screen, with the token, and hands the bytes over as a file
            chromium.browser().findElement(By.id("export-xlsx")).click();
            chromium.waitUpTo(wait, b -> chromium.script("return window.pivotLastExport && window.pivotLastExport.size") != null);
            assertThat(JSON.readTree(exportBodies.get("xlsx"))).isEqualTo(asked);
            assertThat(exportAuthorization.get("xlsx")).isEqualTo("Bearer " + token);
            assertThat(exportUri.get("xlsx")).as("titles in the page's language").isEqualTo("/olap/v1/pivot.xlsx?lang=en");
            assertThat(((Number) chromium.script("return window.pivotLastExport.size")).intValue()).isEqualTo(XLSX.length);

            // zh-CN: the catalogue's labels and the page's own
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "商机".equals(chromium.text("#cube option")));
            assertThat(headerRows(chromium).get(0)).containsExactly("阶段", "LOST", "WON", "总计");
            assertThat(headerRows(chromium).get(1)).startsWith("区域", "商机数", "金额");
            assertThat(rows(chromium).get(2).get(0)).isEqualTo("总计");
            assertThat(chromium.text("#run")).isEqualTo("查询");
            chromium.screenshot("pivot-zh-CN.png");

            // a refusal names the field and the reason
            new Select(chromium.browser().findElement(By.id("add-rows"))).selectByValue("createdMonth");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(wait, b -> chromium.visible("#status"));
            assertThat(chromium.text("#status")).contains("rows[1]", "the dimension is used twice");

            // 10,000 cells: owner (1,000 members) × 9 stages and the total, one measure
            chromium.openSignedIn(base, token, "/pivot.html");
            chromium.waitUpTo(wait, b -> chromium.text("#cube option") != null);
            new Select(chromium.browser().findElement(By.id("add-rows"))).selectByValue("owner");
            new Select(chromium.browser().findElement(By.id("add-columns"))).selectByValue("stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(Duration.ofSeconds(30), b -> ((Number) chromium.script(
                    "return document.querySelectorAll('#pivot-table td.v').length")).intValue() == 1001 * 10);
            double renderMs = ((Number) chromium.script("return window.pivotRenderMs")).doubleValue();
            log.info("pivot page: 10,010 cells (1,001 lines × 10 column keys) rendered in {} ms", String.format("%.1f", renderMs));
            assertThat(rows(chromium).get(1000).get(0)).isEqualTo("总计");
            chromium.screenshot("pivot-10000-cells.png");
        }
    }

    /** A 1,001-line × 10-key answer: owner-0000…owner-0999 by nine stages and a total column, count = line × key. */
    static String tenThousandCells() {
        StringBuilder keys = new StringBuilder();
        for (int k = 0; k < 9; k++) keys.append("{\"path\":[\"S").append(k).append("\"],\"level\":1,\"kind\":\"member\"},");
        keys.append("{\"path\":[],\"level\":0,\"kind\":\"total\"}");
        StringBuilder cells = new StringBuilder();
        for (int line = 0; line <= 1000; line++) {
            if (line > 0) cells.append(',');
            boolean total = line == 1000;
            cells.append("{\"path\":").append(total ? "[]" : String.format("[\"owner-%04d\"]", line))
                    .append(",\"level\":").append(total ? 0 : 1).append(",\"kind\":\"").append(total ? "total" : "member")
                    .append("\",\"values\":[");
            for (int k = 0; k < 10; k++) cells.append(k > 0 ? "," : "").append("{\"count\":").append(line * k).append('}');
            cells.append("]}");
        }
        return "{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"columns\":[\"stage\"],\"measures\":[\"count\"],"
                + "\"rowHeaders\":[],\"columnHeaders\":[],\"columnKeys\":[" + keys + "],\"cells\":[" + cells + "]}";
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastPivotBody() {
        synchronized (pivotBodies) {
            return pivotBodies.get(pivotBodies.size() - 1);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(HeadlessChromium chromium) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#pivot-table tbody tr'))"
                + ".map(tr => Array.from(tr.cells).map(c => c.textContent))");
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> headerRows(HeadlessChromium chromium) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#pivot-table thead tr'))"
                + ".map(tr => Array.from(tr.cells).map(c => c.textContent).filter(s => s !== ''))");
    }
}
