package com.pulse.dashboards.pivot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
import reactor.netty.NettyOutbound;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Drill-down, drill-through, date filters and saved views of the pivot page in a real browser, against a stub olap
 * behind the gateway that records every request body and answers in the shapes of olap/DESIGN.md: the drill-down
 * pivot (the parent's filters plus an eq filter per member), {@code POST /olap/v1/records} in two keyset pages, and
 * {@code /olap/v1/views} keeping versions and checking If-Match like olap (409 on a name taken, 412 on a stale
 * version, 403 on somebody else's view).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PivotDrillAndViewsTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    /** APAC expanded by owner: two owners by the same two stage columns and the total. */
    static final String APAC_BY_OWNER = """
            {"cube":"opportunities","rows":["owner"],"columns":["stage"],"measures":["count"],
             "rowHeaders":[{"member":"u-1","children":[]},{"member":"u-2","children":[]}],
             "columnHeaders":[{"member":"LOST","children":[]},{"member":"WON","children":[]}],
             "columnKeys":[{"path":["LOST"],"level":1,"kind":"member"},{"path":["WON"],"level":1,"kind":"member"},
                           {"path":[],"level":0,"kind":"total"}],
             "cells":[
              {"path":["u-1"],"level":1,"kind":"member","values":[{"count":1},{"count":4},{"count":5}]},
              {"path":["u-2"],"level":1,"kind":"member","values":[{"count":2},{"count":3},{"count":5}]},
              {"path":[],"level":0,"kind":"total","values":[{"count":3},{"count":7},{"count":10}]}]}""";

    static final String ID_1 = "0b6f2c1e-0000-4000-8000-000000000001";
    static final String ID_2 = "0b6f2c1e-0000-4000-8000-000000000002";
    static final String ID_3 = "0b6f2c1e-0000-4000-8000-000000000003";
    static final String PAGE_2_CURSOR = "MGI2ZjJjMWUtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAy";

    static final List<String> pivotBodies = new ArrayList<>();
    static final List<String> recordBodies = new ArrayList<>();
    static final List<String> viewPivots = new ArrayList<>();
    static final List<String> viewBodies = new ArrayList<>();
    static final List<String> ifMatches = new ArrayList<>();
    /** The stub's saved views by id, each as olap answers it (without {@code mine}, which depends on the caller). */
    static final Map<String, ObjectNode> views = new LinkedHashMap<>();
    static int nextView = 1;

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/cubes", (req, res) -> json(res, 200, PivotPageTests.CUBES))
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        remember(pivotBodies, body);
                        String rows = tree(body).get("rows").toString();
                        return json(res, 200, rows.equals("[\"owner\"]") ? APAC_BY_OWNER : PivotPageTests.TWO_BY_TWO).then();
                    }))
                    .post("/olap/v1/records", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        remember(recordBodies, body);
                        JsonNode asked = tree(body);
                        boolean second = asked.path("cursor").isTextual();
                        String records = second ? fact(ID_3, "EMEA", 51234.25) : fact(ID_1, "APAC", 1200.5) + "," + fact(ID_2, "APAC", 98000);
                        return json(res, 200, "{\"cube\":\"opportunities\",\"cell\":" + asked.get("cell") + ",\"pageSize\":50,\"records\":["
                                + records + "],\"nextCursor\":" + (second ? "null" : "\"" + PAGE_2_CURSOR + "\"") + "}").then();
                    }))
                    .get("/olap/v1/views", (req, res) -> {
                        synchronized (views) {
                            ArrayNode list = JSON.createArrayNode();
                            views.values().forEach(v -> list.add(v.deepCopy().put("mine", !v.get("owner").asText().equals("someone-else"))));
                            return json(res, 200, "{\"views\":" + list + "}");
                        }
                    })
                    .post("/olap/v1/views", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        remember(viewBodies, body);
                        JsonNode form = tree(body);
                        synchronized (views) {
                            String name = form.get("name").asText();
                            if (views.values().stream().anyMatch(v -> v.get("name").asText().equalsIgnoreCase(name))) {
                                return problem(res, 409, "You already have a view named \"" + name + "\".").then();
                            }
                            ObjectNode view = view("v-" + nextView++, name, form.get("sharing").asText(), "ana", form.get("query"));
                            views.put(view.get("id").asText(), view);
                            return json(res.header(HttpHeaders.ETAG, "\"1\""), 201, view.deepCopy().put("mine", true).toString()).then();
                        }
                    }))
                    .post("/olap/v1/views/{id}/pivot", (req, res) -> {
                        remember(viewPivots, req.param("id"));
                        return json(res, 200, PivotPageTests.TWO_BY_TWO);
                    })
                    .delete("/olap/v1/views/{id}", (req, res) -> {
                        String ifMatch = req.requestHeaders().get(HttpHeaders.IF_MATCH);
                        remember(ifMatches, ifMatch);
                        synchronized (views) {
                            ObjectNode view = views.get(req.param("id"));
                            if (view == null) {
                                return problem(res, 404, "No such view.");
                            }
                            if (view.get("name").asText().equals("Legacy")) {
                                return problem(res, 403, "Only its owner may change a view.");
                            }
                            String current = "\"" + view.get("version").asLong() + "\"";
                            if (ifMatch != null && !ifMatch.equals(current)) {
                                return problem(res, 412, "The view is at version " + view.get("version").asLong() + ", not " + ifMatch + ".");
                            }
                            views.remove(req.param("id"));
                            return res.status(204).send();
                        }
                    }))
            .bindNow();

    static {
        views.put("shared-1", view("shared-1", "Company pipeline", "company", "someone-else", tree("""
                {"cube":"opportunities","rows":["stage"],"columns":[],"measures":["count"],"filters":[]}""")));
        // listed as the caller's own, but olap refuses its deletion: the page must show the 403's detail
        views.put("legacy-1", view("legacy-1", "Legacy", "private", "ana", tree("""
                {"cube":"opportunities","rows":["region"],"columns":[],"measures":["count"],"filters":[]}""")));
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
    void drillsDownByTheNextDimensionAndThroughToTwoPagesOfLinkedRecords() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            open(chromium);
            pick(chromium, "add-rows", "region");
            pick(chromium, "add-columns", "stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("APAC", "EMEA", "Total")));
            JsonNode parent = tree(last(pivotBodies));

            // drill-down: APAC by owner = rows [owner], the same columns and measures, the parent's filters + region = APAC
            pick(chromium, "drill-by", "owner");
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child button.drill")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("u-1", "u-2", "Total")));
            JsonNode drilled = tree(last(pivotBodies));
            assertThat(drilled.get("rows").toString()).isEqualTo("[\"owner\"]");
            assertThat(drilled.get("columns")).isEqualTo(parent.get("columns"));
            assertThat(drilled.get("measures")).isEqualTo(parent.get("measures"));
            assertThat(drilled.get("filters")).isEqualTo(tree("[{\"field\":\"region\",\"op\":\"eq\",\"value\":\"APAC\"}]"));
            assertThat(chromium.text("#drill-path")).isEqualTo("Region = APAC");
            assertThat(rows(chromium).get(0)).containsExactly("u-1", "1", "4", "5");

            // Back runs the parent query again
            chromium.browser().findElement(By.id("drill-back")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("APAC", "EMEA", "Total")));
            assertThat(tree(last(pivotBodies))).isEqualTo(parent);
            assertThat(chromium.visible("#drill-back")).isFalse();

            // drill-through: APAC × WON (third figure of the first line: the answer has count and amount under each stage) → its cell, page 1 of the records
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:first-child td.v:nth-of-type(3)")).click();
            chromium.waitUpTo(WAIT, b -> recordIds(chromium).size() == 2);
            JsonNode asked = tree(last(recordBodies));
            assertThat(asked.get("cube").asText()).isEqualTo("opportunities");
            assertThat(asked.get("cell")).isEqualTo(tree("{\"region\":\"APAC\",\"stage\":\"WON\"}"));
            assertThat(asked.get("filters")).isEqualTo(tree("[]"));
            assertThat(asked.get("pageSize").asInt()).isEqualTo(50);
            assertThat(asked.path("cursor").isNull() || asked.path("cursor").isMissingNode()).isTrue();
            assertThat(recordIds(chromium)).containsExactly(ID_1, ID_2);
            assertThat(recordHrefs(chromium)).containsExactly("/api/v1/opportunities/" + ID_1, "/api/v1/opportunities/" + ID_2);
            assertThat(chromium.text("#records-cell")).isEqualTo("Region = APAC, Stage = WON");
            assertThat(recordHeaders(chromium)).containsExactly("Record", "Owner", "Region", "Stage", "Amount", "Created at");
            assertThat(recordRows(chromium).get(1).get(4)).isEqualTo("98,000");
            chromium.screenshot("pivot-records-en.png");

            // page 2 with the cursor olap gave, then back to page 1 without one
            chromium.browser().findElement(By.id("records-next")).click();
            chromium.waitUpTo(WAIT, b -> recordIds(chromium).equals(List.of(ID_3)));
            asked = tree(last(recordBodies));
            assertThat(asked.get("cursor").asText()).isEqualTo(PAGE_2_CURSOR);
            assertThat(asked.get("cell")).isEqualTo(tree("{\"region\":\"APAC\",\"stage\":\"WON\"}"));
            assertThat(chromium.browser().findElement(By.id("records-next")).isEnabled()).isFalse();
            assertThat(chromium.text("#records-page")).isEqualTo("Page 2 · 1 records");
            chromium.browser().findElement(By.id("records-previous")).click();
            chromium.waitUpTo(WAIT, b -> recordIds(chromium).size() == 2);
            assertThat(tree(last(recordBodies)).path("cursor").isTextual()).isFalse();

            // the grand total's cell is {} (every dimension totalled over)
            chromium.browser().findElement(By.cssSelector("#pivot-table tbody tr:last-child td.v:last-of-type")).click();
            chromium.waitUpTo(WAIT, b -> "Total".equals(chromium.text("#records-cell")));
            assertThat(tree(last(recordBodies)).get("cell")).isEqualTo(tree("{}"));

            // zh-CN: the records' headers, the drill-down control, the panel's buttons
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(WAIT, b -> "记录".equals(recordHeaders(chromium).get(0)));
            assertThat(recordHeaders(chromium)).containsExactly("记录", "负责人", "区域", "阶段", "金额", "创建时间");
            assertThat(chromium.text("#records-next")).isEqualTo("下一页");
            assertThat(chromium.text("label:has(#drill-by) span")).isEqualTo("下钻维度");
            chromium.screenshot("pivot-records-zh-CN.png");
        }
    }

    @Test
    void filtersByDatesAndSavesListsOpensAndDeletesViews() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            open(chromium);
            pick(chromium, "add-rows", "region");
            pick(chromium, "add-columns", "stage");

            // a relative period and a date range on the cube's date field, exactly as olap's filter model takes them
            assertThat(options(chromium, "date-field")).containsExactly("createdDate");
            assertThat(options(chromium, "date-relative")).contains("this_quarter", "last_month", "last_30_days").hasSize(18);
            pick(chromium, "date-relative", "this_quarter");
            chromium.browser().findElement(By.id("date-add")).click();
            pick(chromium, "date-mode", "between");
            chromium.script("document.getElementById('date-from').value = '2026-01-01';"
                    + "document.getElementById('date-to').value = '2026-03-31';");
            chromium.browser().findElement(By.id("date-add")).click();
            assertThat(chips(chromium)).containsExactly("Created: This quarter×", "Created 2026-01-01 – 2026-03-31×");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("APAC", "EMEA", "Total")));
            JsonNode asked = tree(last(pivotBodies));
            assertThat(asked.get("filters")).isEqualTo(tree("""
                    [{"field":"createdDate","op":"relative","value":"this_quarter"},
                     {"field":"createdDate","op":"between","from":"2026-01-01","to":"2026-03-31"}]"""));

            // the two views olap lists: somebody else's shared one is read-only
            assertThat(viewNames(chromium)).containsExactly("Company pipeline", "Legacy");
            assertThat(chromium.browser().findElements(By.cssSelector("#view-list li[data-id='shared-1'] button.delete"))).isEmpty();

            // save with a name and team sharing: the body is the builder's query
            chromium.browser().findElement(By.id("view-name")).sendKeys("Quarter by region");
            pick(chromium, "view-sharing", "team");
            chromium.browser().findElement(By.id("view-save")).click();
            chromium.waitUpTo(WAIT, b -> viewNames(chromium).size() == 3);
            JsonNode saved = tree(last(viewBodies));
            assertThat(saved.get("name").asText()).isEqualTo("Quarter by region");
            assertThat(saved.get("sharing").asText()).isEqualTo("team");
            assertThat(saved.get("query")).isEqualTo(asked);
            assertThat(chromium.text("#view-status")).isEqualTo("Saved “Quarter by region”.");

            // the same name again: olap's 409 detail is shown
            chromium.browser().findElement(By.id("view-save")).click();
            chromium.waitUpTo(WAIT, b -> chromium.text("#view-status").startsWith("Not saved"));
            assertThat(chromium.text("#view-status")).isEqualTo("Not saved: You already have a view named \"Quarter by region\".");
            chromium.screenshot("pivot-views-en.png");

            // a fresh page: opening the view restores cube, rows, columns, measures, filters and runs it by its id
            open(chromium);
            chromium.waitUpTo(WAIT, b -> viewNames(chromium).size() == 3);
            String id = (String) chromium.script("return Array.from(document.querySelectorAll('#view-list li'))"
                    + ".find(li => li.querySelector('.name').textContent === 'Quarter by region').dataset.id");
            int viewRuns = size(viewPivots);
            chromium.browser().findElement(By.cssSelector("#view-list li[data-id='" + id + "'] button.open")).click();
            chromium.waitUpTo(WAIT, b -> firstColumn(chromium).equals(List.of("APAC", "EMEA", "Total")));
            assertThat(size(viewPivots)).isEqualTo(viewRuns + 1);
            assertThat(last(viewPivots)).isEqualTo(id);
            assertThat(chromium.text("#cube option:checked")).isEqualTo("Opportunities");
            assertThat(chromium.text("#rows li")).startsWith("Region");
            assertThat(chromium.text("#columns li")).startsWith("Stage");
            assertThat(chips(chromium)).containsExactly("Created: This quarter×", "Created 2026-01-01 – 2026-03-31×");
            assertThat(chromium.script("return Array.from(document.querySelectorAll('#measure-list input:checked')).map(i => i.value)"))
                    .isEqualTo(List.of("count"));
            // and the restored builder runs the same query again
            int runs = size(pivotBodies);
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> size(pivotBodies) > runs);
            assertThat(tree(last(pivotBodies))).isEqualTo(asked);

            // delete with If-Match: a version changed behind the page's back → 412 with its detail, the list re-read
            synchronized (views) {
                views.get(id).put("version", 2);
            }
            chromium.browser().findElement(By.cssSelector("#view-list li[data-id='" + id + "'] button.delete")).click();
            chromium.waitUpTo(WAIT, b -> chromium.text("#view-status").startsWith("The view was changed"));
            assertThat(last(ifMatches)).isEqualTo("\"1\"");
            assertThat(chromium.text("#view-status")).isEqualTo("The view was changed meanwhile: The view is at version 2, not \"1\".");
            chromium.browser().findElement(By.cssSelector("#view-list li[data-id='" + id + "'] button.delete")).click();
            chromium.waitUpTo(WAIT, b -> viewNames(chromium).size() == 2);
            assertThat(last(ifMatches)).isEqualTo("\"2\"");
            assertThat(chromium.text("#view-status")).isEqualTo("Deleted “Quarter by region”.");

            // a 403's detail
            chromium.browser().findElement(By.cssSelector("#view-list li[data-id='legacy-1'] button.delete")).click();
            chromium.waitUpTo(WAIT, b -> chromium.text("#view-status").startsWith("Not yours"));
            assertThat(chromium.text("#view-status")).isEqualTo("Not yours to change: Only its owner may change a view.");

            // zh-CN: the views card, the periods and the date filter chip
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(WAIT, b -> "保存视图".equals(chromium.text("#view-save")));
            assertThat(chromium.text("#view-list li[data-id='shared-1'] .meta")).isEqualTo("全公司 · 他人共享");
            assertThat(chromium.text("#view-list li[data-id='shared-1'] button.open")).isEqualTo("打开");
            assertThat(textContent(chromium, "#date-relative option[value='this_quarter']")).isEqualTo("本季度");
            assertThat(textContent(chromium, "#date-relative option[value='last_30_days']")).isEqualTo("最近 30 天");
            assertThat(textContent(chromium, "#date-mode option[value='between']")).isEqualTo("日期范围");
            assertThat(chips(chromium).get(0)).isEqualTo("创建日期: 本季度×");
            assertThat(chromium.script("return document.getElementById('view-name').placeholder")).isEqualTo("视图名称");
            chromium.screenshot("pivot-views-zh-CN.png");
        }
    }

    private void open(HeadlessChromium chromium) {
        chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("ana", "ANALYST"), "/pivot.html");
        chromium.waitUpTo(WAIT, b -> "Opportunities".equals(chromium.text("#cube option")));
    }

    private static void pick(HeadlessChromium chromium, String select, String value) {
        new Select(chromium.browser().findElement(By.id(select))).selectByValue(value);
    }

    private static String fact(String id, String region, double amount) {
        return "{\"id\":\"" + id + "\",\"owner\":\"u-1\",\"region\":\"" + region + "\",\"stage\":\"WON\",\"amountBase\":" + amount
                + ",\"createdAt\":\"2026-03-02T08:00:00Z\",\"href\":\"/api/v1/opportunities/" + id + "\"}";
    }

    private static ObjectNode view(String id, String name, String sharing, String owner, JsonNode query) {
        ObjectNode view = JSON.createObjectNode().put("id", id).put("name", name).put("sharing", sharing).put("owner", owner);
        view.set("query", query);
        return view.put("version", 1).put("pivotHref", "/olap/v1/views/" + id + "/pivot");
    }

    private static Mono<Void> json(HttpServerResponse res, int status, String body) {
        return res.status(status).header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }

    private static NettyOutbound problem(HttpServerResponse res, int status, String detail) {
        ObjectNode p = JSON.createObjectNode().put("title", "refused").put("status", status).put("detail", detail);
        return res.status(status).header(HttpHeaders.CONTENT_TYPE, "application/problem+json").sendString(Mono.just(p.toString()));
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

    @SuppressWarnings("unchecked")
    private static List<String> strings(HeadlessChromium chromium, String script, Object... arguments) {
        return (List<String>) chromium.script(script, arguments);
    }

    private static List<String> firstColumn(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#pivot-table tbody tr')).map(tr => tr.cells[0].textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(HeadlessChromium chromium) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#pivot-table tbody tr'))"
                + ".map(tr => Array.from(tr.cells).map(c => c.textContent))");
    }

    private static List<String> recordIds(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#records-table tbody a')).map(a => a.textContent)");
    }

    private static List<String> recordHrefs(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#records-table tbody a')).map(a => a.getAttribute('href'))");
    }

    private static List<String> recordHeaders(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#records-table thead th')).map(th => th.textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> recordRows(HeadlessChromium chromium) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#records-table tbody tr'))"
                + ".map(tr => Array.from(tr.cells).map(c => c.textContent))");
    }

    private static List<String> options(HeadlessChromium chromium, String select) {
        return strings(chromium, "return Array.from(document.getElementById(arguments[0]).options).map(o => o.value)", select);
    }

    private static List<String> chips(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#filter-list li')).map(li => li.textContent)");
    }

    private static String textContent(HeadlessChromium chromium, String css) {
        return (String) chromium.script("return document.querySelector(arguments[0]).textContent", css);
    }

    private static List<String> viewNames(HeadlessChromium chromium) {
        return strings(chromium, "return Array.from(document.querySelectorAll('#view-list li .name')).map(s => s.textContent)");
    }
}
