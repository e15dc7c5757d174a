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
import java.util.concurrent.CompletableFuture;
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
 * The member picker of the pivot page's filters against a stub olap: choosing a filter field asks olap for a
 * one-dimension pivot of that field (no columns, the count or else the cube's first measure, the other fields'
 * filters, the page's language), lists the members by label with their counts, at most 100 with a note to narrow,
 * narrows by the search box, and adds the ticked keys as one {@code eq} or {@code in} filter that the next run sends;
 * a refusal of olap is said in the picker and typed keys still work; zh-CN lists the Chinese labels.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PivotMemberPickerPageTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(10);

    /** The opportunities cube with owner, stage and region filterable by member; a targets cube without a count. */
    static final String CUBES = """
            {"cubes":[{"name":"opportunities","labelEn":"Opportunities","labelZhCN":"商机",
              "dimensions":[{"name":"region","labelEn":"Region","labelZhCN":"区域","grain":null},
                            {"name":"stage","labelEn":"Stage","labelZhCN":"阶段","grain":null},
                            {"name":"owner","labelEn":"Owner","labelZhCN":"负责人","grain":null}],
              "measures":[{"name":"amountBase","labelEn":"Amount","labelZhCN":"金额"},
                          {"name":"count","labelEn":"Deals","labelZhCN":"商机数"}],
              "filters":[{"field":"region","labelEn":"Region","labelZhCN":"区域","ops":["eq","in"]},
                         {"field":"stage","labelEn":"Stage","labelZhCN":"阶段","ops":["eq","in"]},
                         {"field":"owner","labelEn":"Owner","labelZhCN":"负责人","ops":["eq","in"]},
                         {"field":"createdDate","labelEn":"Created","labelZhCN":"创建日期","ops":["between","relative"]}]},
             {"name":"targets","labelEn":"Targets","labelZhCN":"目标",
              "dimensions":[{"name":"scope","labelEn":"Scope","labelZhCN":"范围","grain":null}],
              "measures":[{"name":"target","labelEn":"Target","labelZhCN":"目标值"},
                          {"name":"actual","labelEn":"Actual","labelZhCN":"实际值"}],
              "filters":[{"field":"scope","labelEn":"Scope","labelZhCN":"范围","ops":["eq","in"]}]}]}""";

    /** The analyst's runs (a column dimension), and the member lists asked (none) with their address and language. */
    static final List<String> runBodies = new ArrayList<>();
    static final List<String> memberBodies = new ArrayList<>();
    static final List<String> memberUris = new ArrayList<>();
    static final List<String> memberLanguages = new ArrayList<>();
    static volatile boolean refuseMembers;
    /** While set, the member lists wait for it: the page is seen loading. */
    static volatile CompletableFuture<Void> held;

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/cubes", (req, res) -> json(res, CUBES))
                    .post("/olap/v1/pivot", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        String language = req.requestHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
                        JsonNode query = tree(body);
                        synchronized (runBodies) {
                            if (!query.get("columns").isEmpty()) {
                                runBodies.add(body);
                                return json(res, PivotPageTests.TWO_BY_TWO); // the analyst's own run
                            }
                            memberBodies.add(body);
                            memberUris.add(req.uri());
                            memberLanguages.add(language);
                        }
                        if (refuseMembers) {
                            return res.status(503).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                    .sendString(Mono.just("{\"title\":\"Service Unavailable\",\"status\":503,"
                                            + "\"detail\":\"ClickHouse is not reachable\"}")).then();
                        }
                        String answer = members(query, "zh-CN".equals(language));
                        CompletableFuture<Void> wait = held;
                        return wait == null ? json(res, answer) : Mono.fromFuture(wait).then(json(res, answer));
                    }))
                    .get("/olap/v1/views", (req, res) -> json(res, "{\"views\":[]}")))
            .bindNow();

    /** olap's answer to rows [field], no columns, one measure: a line per member, the total; labels in the language. */
    static String members(JsonNode query, boolean zh) {
        String field = query.get("rows").get(0).asText();
        String measure = query.get("measures").get(0).asText();
        Map<String, String> labels = new LinkedHashMap<>();
        switch (field) {
            case "region" -> {
                labels.put("APAC", "APAC");
                labels.put("EMEA", "EMEA");
            }
            case "stage" -> {
                labels.put("LOST", zh ? "输单" : "Lost");
                labels.put("WON", zh ? "赢单" : "Won");
            }
            case "owner" -> {
                // 150 reps named "Rep 000"…, and three whose names the search finds
                for (int i = 0; i < 150; i++) {
                    labels.put(String.format("u-%03d", i), String.format("Rep %03d", i));
                }
                labels.put("u-li", "Li Lei");
                labels.put("u-lily", "Lily Chen");
                labels.put("u-wang", "王芳");
            }
            default -> labels.put("t-1", "Team One");
        }
        ObjectNode answer = JSON.createObjectNode();
        answer.put("cube", query.get("cube").asText());
        answer.set("rows", query.get("rows"));
        answer.set("columns", JSON.createArrayNode());
        answer.set("measures", query.get("measures"));
        answer.set("columnKeys", tree("[{\"path\":[],\"level\":0,\"kind\":\"total\"}]"));
        ArrayNode cells = answer.putArray("cells");
        int n = 0;
        int total = 0;
        for (String member : labels.keySet()) {
            int count = ++n * 2; // APAC 2, EMEA 4; LOST 2, WON 4; …
            total += count;
            ObjectNode line = cells.addObject();
            line.putArray("path").add(member);
            line.put("level", 1).put("kind", "member");
            line.putArray("values").addObject().put(measure, count);
        }
        ObjectNode totalLine = cells.addObject();
        totalLine.putArray("path");
        totalLine.put("level", 0).put("kind", "total");
        totalLine.putArray("values").addObject().put(measure, total);
        answer.putObject("labels").set(field, JSON.valueToTree(labels));
        answer.putArray("warnings");
        return answer.toString();
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
    void picksMembersByLabelAndSendsTheirKeysAsOneFilter() throws IOException {
        synchronized (runBodies) { // a rerun starts from nothing asked
            List.of(runBodies, memberBodies, memberUris, memberLanguages).forEach(List::clear);
        }
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("ana", "ANALYST"), "/pivot.html");
            chromium.waitUpTo(WAIT, b -> "Opportunities".equals(chromium.text("#cube option")));
            assertThat(chromium.visible("#member-picker")).as("no field chosen yet").isFalse();
            assertThat(size(memberBodies)).isZero();

            // choosing Region asks olap for the regions, and the page says it is loading until olap answers
            held = new CompletableFuture<>();
            pick(chromium, "filter-field", "region");
            chromium.waitUpTo(WAIT, b -> chromium.visible("#member-loading"));
            held.complete(null);
            held = null;
            chromium.waitUpTo(WAIT, b -> listed(chromium).size() == 2);
            assertThat(chromium.visible("#member-loading")).isFalse();
            assertThat(size(memberBodies)).isEqualTo(1);
            assertThat(tree(last(memberBodies))).isEqualTo(tree(
                    "{\"cube\":\"opportunities\",\"rows\":[\"region\"],\"columns\":[],\"measures\":[\"count\"],\"filters\":[]}"));
            assertThat(last(memberUris)).isEqualTo("/olap/v1/pivot?lang=en");
            assertThat(last(memberLanguages)).isEqualTo("en");
            assertThat(listed(chromium)).containsExactly("APAC 2", "EMEA 4");

            // one member ticked: an eq filter
            tick(chromium, "APAC");
            assertThat(chromium.text("#member-note")).isEqualTo("1 selected.");
            chromium.browser().findElement(By.id("filter-add")).click();
            assertThat(chips(chromium)).containsExactly("Region = APAC×");
            assertThat(ticked(chromium)).isEmpty();

            // Owner: asked with the other filters; 153 members, 100 listed with a note; the search narrows them by name
            pick(chromium, "filter-field", "owner");
            chromium.waitUpTo(WAIT, b -> listed(chromium).size() == 100);
            assertThat(tree(last(memberBodies))).isEqualTo(tree("{\"cube\":\"opportunities\",\"rows\":[\"owner\"],\"columns\":[],"
                    + "\"measures\":[\"count\"],\"filters\":[{\"field\":\"region\",\"op\":\"eq\",\"value\":\"APAC\"}]}"));
            assertThat(chromium.text("#member-note")).isEqualTo("Showing 100 of 153: type to narrow.");
            assertThat(listed(chromium).get(0)).isEqualTo("Li Lei 302");
            search(chromium, "li");
            assertThat(listed(chromium)).containsExactly("Li Lei 302", "Lily Chen 304");
            assertThat(chromium.visible("#member-note")).isFalse();
            search(chromium, "nobody");
            assertThat(listed(chromium)).isEmpty();
            assertThat(chromium.text("#member-note")).isEqualTo("No member matches.");
            search(chromium, "LI");
            tick(chromium, "Lily Chen");
            tick(chromium, "Li Lei");
            assertThat(chromium.text("#member-note")).isEqualTo("2 selected.");
            chromium.browser().findElement(By.id("filter-add")).click();
            assertThat(chips(chromium)).containsExactly("Region = APAC×", "Owner ∈ Li Lei, Lily Chen×");

            // the next run sends the keys: eq for the region, in for the two owners (in the list's order)
            pick(chromium, "add-rows", "region");
            pick(chromium, "add-columns", "stage");
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> tableLines(chromium) == 3);
            assertThat(tree(last(runBodies)).get("filters")).isEqualTo(tree("[{\"field\":\"region\",\"op\":\"eq\",\"value\":\"APAC\"},"
                    + "{\"field\":\"owner\",\"op\":\"in\",\"values\":[\"u-li\",\"u-lily\"]}]"));
            assertThat(chips(chromium)).containsExactly("Region = APAC×", "Owner ∈ Li Lei, Lily Chen×");

            // Region again: asked without the region's own filter, with the owners'
            pick(chromium, "filter-field", "region");
            chromium.waitUpTo(WAIT, b -> listed(chromium).size() == 2);
            assertThat(tree(last(memberBodies)).get("filters")).isEqualTo(tree(
                    "[{\"field\":\"owner\",\"op\":\"in\",\"values\":[\"u-li\",\"u-lily\"]}]"));

            // removing the region chip asks the owners again without it (and without the owners' own); one ticked → eq
            pick(chromium, "filter-field", "owner");
            chromium.waitUpTo(WAIT, b -> listed(chromium).size() == 100);
            int asked = size(memberBodies);
            chromium.browser().findElement(By.cssSelector("#filter-list li:first-child button")).click();
            chromium.waitUpTo(WAIT, b -> size(memberBodies) > asked && listed(chromium).size() == 100);
            assertThat(tree(last(memberBodies)).get("filters")).isEqualTo(tree("[]"));
            search(chromium, "王");
            tick(chromium, "王芳");
            chromium.browser().findElement(By.id("filter-add")).click();
            int runs = size(runBodies);
            chromium.browser().findElement(By.id("run")).click();
            chromium.waitUpTo(WAIT, b -> size(runBodies) > runs);
            assertThat(tree(last(runBodies)).get("filters").get(1)).isEqualTo(tree(
                    "{\"field\":\"owner\",\"op\":\"eq\",\"value\":\"u-wang\"}"));
            assertThat(chips(chromium)).containsExactly("Owner ∈ Li Lei, Lily Chen×", "Owner = 王芳×");

            // olap refuses: the picker says so in the page's error style; typed keys still make a filter
            refuseMembers = true;
            pick(chromium, "filter-field", "stage");
            chromium.waitUpTo(WAIT, b -> chromium.visible("#member-error"));
            assertThat(chromium.text("#member-error"))
                    .isEqualTo("Members could not be loaded: The pivot failed (503): ClickHouse is not reachable");
            assertThat(chromium.script("return document.getElementById('member-error').className")).isEqualTo("error");
            assertThat(listed(chromium)).isEmpty();
            chromium.browser().findElement(By.id("filter-members")).sendKeys("WON");
            chromium.browser().findElement(By.id("filter-add")).click();
            assertThat(chips(chromium)).endsWith("Stage = WON×");
            chromium.screenshot("pivot-picker-error.png");

            // zh-CN: olap answers again and the stages are listed in Chinese, the notes are Chinese
            refuseMembers = false;
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(WAIT, b -> listed(chromium).equals(List.of("输单 2", "赢单 4")));
            assertThat(last(memberLanguages)).isEqualTo("zh-CN");
            assertThat(last(memberUris)).isEqualTo("/olap/v1/pivot?lang=zh-CN");
            assertThat(chromium.visible("#member-error")).isFalse();
            assertThat(chips(chromium)).as("a typed key named once olap listed it").endsWith("阶段 = 赢单×");
            assertThat(chromium.script("return document.getElementById('member-search').placeholder")).isEqualTo("搜索成员");
            tick(chromium, "赢单");
            assertThat(chromium.text("#member-note")).isEqualTo("已选 1 个。");
            pick(chromium, "filter-field", "owner");
            chromium.waitUpTo(WAIT, b -> listed(chromium).size() == 100);
            assertThat(chromium.text("#member-note")).isEqualTo("显示 153 个中的 100 个：输入文字以缩小范围。");
            assertThat(chromium.text("#filter-field option")).isEqualTo("筛选字段…");
            chromium.screenshot("pivot-picker-zh-CN.png");

            // a cube without a count: its first measure lists the members
            new Select(chromium.browser().findElement(By.id("cube"))).selectByValue("targets");
            assertThat(chromium.visible("#member-picker")).as("the chosen field left with its cube").isFalse();
            pick(chromium, "filter-field", "scope");
            chromium.waitUpTo(WAIT, b -> listed(chromium).equals(List.of("Team One 2")));
            assertThat(tree(last(memberBodies))).isEqualTo(tree(
                    "{\"cube\":\"targets\",\"rows\":[\"scope\"],\"columns\":[],\"measures\":[\"target\"],\"filters\":[]}"));
        } finally {
            refuseMembers = false;
            held = null;
        }
    }

    private static void pick(HeadlessChromium chromium, String select, String value) {
        new Select(chromium.browser().findElement(By.id(select))).selectByValue(value);
    }

    private static void search(HeadlessChromium chromium, String text) {
        var box = chromium.browser().findElement(By.id("member-search"));
        box.clear();
        box.sendKeys(text);
    }

    /** Ticks the listed member shown as {@code label}. */
    private static void tick(HeadlessChromium chromium, String label) {
        chromium.browser().findElements(By.cssSelector("#member-list label")).stream()
                .filter(l -> l.findElement(By.className("name")).getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError(label + " is not listed")).click();
    }

    /** Each listed member as "label count". */
    @SuppressWarnings("unchecked")
    private static List<String> listed(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#member-list label'))"
                + ".map(l => l.querySelector('.name').textContent + ' ' + l.querySelector('.count').textContent)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ticked(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#member-list input:checked'))"
                + ".map(b => b.value)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> chips(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#filter-list li')).map(li => li.textContent)");
    }

    private static int tableLines(HeadlessChromium chromium) {
        return ((Number) chromium.script("return document.querySelectorAll('#pivot-table tbody tr').length")).intValue();
    }

    private static Mono<Void> json(HttpServerResponse res, String body) {
        return res.status(200).header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }

    private static int size(List<String> list) {
        synchronized (runBodies) {
            return list.size();
        }
    }

    private static String last(List<String> list) {
        synchronized (runBodies) {
            return list.get(list.size() - 1);
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
