package com.pulse.dashboards.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
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
 * The workspace's reminder-rule editor against a stub notifier that keeps rules with versions as
 * {@code RulesController} does (POST, PUT with If-Match → 409 when stale, DELETE with If-Match, 400 with
 * {@code errors: [{field, reason}]}): the JSON the form writes for a scheduled and an event rule, the fields the
 * notifier names marked in the form, an edit keeping the rule's recipients, a conflict re-read, a delete.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceRulesTests {

    static final String ME = WorkspacePipelineTests.ME;
    static final String OTHER_REP = WorkspacePipelineTests.OTHER_REP;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The manager's teams: East (they manage it) with Ann and themselves, East-1 below it with Bo and Cy. */
    static final String TEAM_EAST = "7e000000-0000-4000-8000-000000000001";
    static final String TEAM_EAST_1 = "7e000000-0000-4000-8000-000000000002";
    static final String ANN = "0b6f8f0e-2d55-4f0e-9d3c-0000000000a1";
    static final String BO = "0b6f8f0e-2d55-4f0e-9d3c-0000000000b2";
    static final String CY = "0b6f8f0e-2d55-4f0e-9d3c-0000000000c3";
    /** Somebody who left the manager's teams: the notifier refuses them as a recipient. */
    static final String OUTSIDER = "0b6f8f0e-2d55-4f0e-9d3c-0000000000f9";

    static final Map<String, ObjectNode> rules = new ConcurrentHashMap<>();
    /** Every api request to the team and user lists, as "GET uri". */
    static final List<String> apiRequests = new CopyOnWriteArrayList<>();
    /** Every rule request as "METHOD uri [If-Match] body", in order. */
    static final List<String> requests = new CopyOnWriteArrayList<>();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/notifier/v1/inbox", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null,\"unreadCount\":0}"))
                    .get("/notifier/v1/rules", (req, res) -> json(res, 200, "{\"items\":["
                            + rules.values().stream().map(JsonNode::toString).collect(Collectors.joining(",")) + "]}"))
                    .post("/notifier/v1/rules", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        requests.add("POST " + req.uri() + " " + body);
                        ObjectNode form = read(body);
                        String invalid = problems(form);
                        if (invalid != null) {
                            return json(res, 400, "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                                    + "\"detail\":\"invalid\",\"errors\":[" + invalid + "]}");
                        }
                        ObjectNode rule = stored(UUID.randomUUID().toString(), form, 1);
                        if (!form.has("recipients")) {
                            rule.putArray("recipients").add(ME);
                        }
                        rules.put(rule.get("id").asText(), rule);
                        return json(res, 201, rule.toString());
                    }))
                    .route(req -> req.method() == HttpMethod.PUT && req.uri().startsWith("/notifier/v1/rules/"),
                            (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                                String ifMatch = req.requestHeaders().get(HttpHeaders.IF_MATCH);
                                requests.add("PUT " + req.uri() + " " + ifMatch + " " + body);
                                ObjectNode current = rules.get(req.uri().substring("/notifier/v1/rules/".length()));
                                long version = current.get("version").asLong();
                                if (!("\"" + version + "\"").equals(ifMatch)) {
                                    return conflict(res, version);
                                }
                                String invalid = problems(read(body));
                                if (invalid != null) {
                                    return json(res, 400, "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                                            + "\"detail\":\"invalid\",\"errors\":[" + invalid + "]}");
                                }
                                ObjectNode rule = stored(current.get("id").asText(), read(body), version + 1);
                                rules.put(rule.get("id").asText(), rule);
                                return json(res, 200, rule.toString());
                            }))
                    .route(req -> req.method() == HttpMethod.DELETE && req.uri().startsWith("/notifier/v1/rules/"), (req, res) -> {
                        String ifMatch = req.requestHeaders().get(HttpHeaders.IF_MATCH);
                        requests.add("DELETE " + req.uri() + " " + ifMatch);
                        String id = req.uri().substring("/notifier/v1/rules/".length());
                        long version = rules.get(id).get("version").asLong();
                        if (!("\"" + version + "\"").equals(ifMatch)) {
                            return conflict(res, version);
                        }
                        rules.remove(id);
                        return res.status(204).send();
                    }))
            .bindNow();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/opportunities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/activities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/tasks", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/teams", (req, res) -> {
                        apiRequests.add("GET " + req.uri());
                        String uri = req.uri();
                        if (uri.contains("managerId=" + ME)) {
                            return json(res, 200, "{\"items\":[{\"id\":\"" + TEAM_EAST + "\",\"name\":\"East\",\"parentId\":null,"
                                    + "\"managerId\":\"" + ME + "\"}],\"nextCursor\":null}");
                        }
                        if (uri.contains("parentId=" + TEAM_EAST)) {
                            return json(res, 200, "{\"items\":[{\"id\":\"" + TEAM_EAST_1 + "\",\"name\":\"East-1\",\"parentId\":\""
                                    + TEAM_EAST + "\",\"managerId\":null}],\"nextCursor\":null}");
                        }
                        return json(res, 200, "{\"items\":[],\"nextCursor\":null}");
                    })
                    .get("/api/v1/users", (req, res) -> {
                        apiRequests.add("GET " + req.uri());
                        String uri = req.uri();
                        if (uri.contains("teamId=" + TEAM_EAST)) {
                            return json(res, 200, "{\"items\":[" + user(ME, "Mona") + "," + user(ANN, "Ann") + "],\"nextCursor\":null}");
                        }
                        if (uri.contains("teamId=" + TEAM_EAST_1) && uri.contains("cursor=c2")) {
                            return json(res, 200, "{\"items\":[" + user(CY, "Cy") + "],\"nextCursor\":null}");
                        }
                        if (uri.contains("teamId=" + TEAM_EAST_1)) {
                            return json(res, 200, "{\"items\":[" + user(BO, "Bo") + "],\"nextCursor\":\"c2\"}");
                        }
                        return json(res, 200, "{\"items\":[],\"nextCursor\":null}");
                    })
                    .get("/api/v1/users/{id}", (req, res) -> json(res, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\","
                            + "\"status\":404,\"detail\":\"No user\"}")))
            .bindNow();

    private static String user(String id, String name) {
        return "{\"id\":\"" + id + "\",\"username\":\"" + name.toLowerCase() + "\",\"name\":\"" + name + "\",\"active\":true}";
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + api.port());
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:9");
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:" + notifier.port());
    }

    @AfterAll
    static void stop() {
        List.of(api, notifier).forEach(DisposableServer::disposeNow);
    }

    @LocalServerPort
    int port;

    /** Each test starts with a notifier that holds no rules and has seen no request. */
    @BeforeEach
    void emptyNotifier() {
        rules.clear();
        requests.clear();
        apiRequests.clear();
    }

    @Test
    void aRepCreatesEditsAndDeletesReminderRulesAndIsShownWhatTheNotifierRefuses() throws Exception {
        String stalledId = "e0000000-0000-4000-8000-000000000001";
        ObjectNode stalled = read("{\"name\":\"Stalled deals\",\"type\":\"STALLED_DEALS\",\"parameters\":{\"days\":30},"
                + "\"recipients\":[\"" + ME + "\",\"" + OTHER_REP + "\"],\"channels\":[\"IN_APP\",\"SMS\"],"
                + "\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"quietHours\":null,\"digest\":null,"
                + "\"escalation\":{\"afterMinutes\":30},\"enabled\":true}");
        rules.put(stalledId, stored(stalledId, stalled, 1));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");

            // the rule the notifier has, described
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 1);
            assertThat(chromium.text(row(stalledId))).contains("Stalled deals", "Daily at 09:00", "In the app → SMS; next after 30 min unread");

            // a new weekly rule: the JSON the notifier reads, with only what the type and schedule use
            click(chromium, "#rule-new");
            assertThat(chromium.visible("#rule-expression")).isFalse();
            type(chromium, "#rule-name", "Dormant accounts");
            select(chromium, "#rule-type", "DORMANT_CUSTOMERS");
            assertThat(chromium.visible("#rule-hours")).isFalse();
            type(chromium, "#rule-days", "60");
            select(chromium, "#rule-schedule-kind", "weekly");
            select(chromium, "#rule-weekday", "FRIDAY");
            type(chromium, "#rule-at", "08:30");
            select(chromium, "#rule-channel-0", "EMAIL");
            select(chromium, "#rule-channel-1", "IN_APP");
            click(chromium, "#rule-quiet");
            select(chromium, "#rule-digest", "true");
            chromium.screenshot("workspace-rules-form.png");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 2);
            assertThat(read(lastBody("POST"))).isEqualTo(read("{\"name\":\"Dormant accounts\",\"type\":\"DORMANT_CUSTOMERS\","
                    + "\"parameters\":{\"days\":60},\"channels\":[\"EMAIL\",\"IN_APP\"],"
                    + "\"schedule\":{\"kind\":\"weekly\",\"day\":\"FRIDAY\",\"at\":\"08:30\"},"
                    + "\"quietHours\":{\"from\":\"22:00\",\"to\":\"07:00\"},\"digest\":true,\"enabled\":true}"));
            String dormantId = idNamed("Dormant accounts");
            assertThat(chromium.text(row(dormantId))).contains("Dormant customers", "Friday at 08:30", "Email → In the app");
            assertThat(chromium.visible("#rule-form")).isFalse();
            assertThat(chromium.text("#rules-message")).isEqualTo("“Dormant accounts” was saved.");

            // refused: every field the notifier names is listed and its input marked; nothing is added
            click(chromium, "#rule-new");
            select(chromium, "#rule-schedule-kind", "cron");
            type(chromium, "#rule-expression", "every morning");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> chromium.visible("#rule-errors"));
            assertThat(texts(chromium, "#rule-errors li")).containsExactly("name: must be 1 to 200 characters",
                    "schedule.expression: must be a Quartz cron expression: seconds minutes hours day-of-month month day-of-week [year]");
            assertThat(attribute(chromium, "#rule-name", "aria-invalid")).isEqualTo("true");
            assertThat(attribute(chromium, "#rule-expression", "aria-invalid")).isEqualTo("true");
            assertThat(attribute(chromium, "#rule-type", "aria-invalid")).isNull();
            assertThat(ruleIds(chromium)).hasSize(2);
            click(chromium, "#rule-cancel");

            // an edit replaces the rule whole with the version read, keeping whom it reaches
            click(chromium, row(stalledId) + " button.edit");
            assertThat(chromium.browser().findElement(By.cssSelector("#rule-days")).getAttribute("value")).isEqualTo("30");
            type(chromium, "#rule-days", "45");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> "2".equals(attribute(chromium, row(stalledId), "data-version")));
            String put = requests.stream().filter(q -> q.startsWith("PUT ")).reduce((a, b) -> b).orElseThrow();
            assertThat(put).startsWith("PUT /notifier/v1/rules/" + stalledId + " \"1\" ");
            JsonNode putBody = read(put.substring(put.indexOf('{')));
            assertThat(putBody.get("parameters")).isEqualTo(read("{\"days\":45}"));
            assertThat(putBody.get("recipients")).isEqualTo(JSON.createArrayNode().add(ME).add(OTHER_REP));
            assertThat(putBody.get("schedule")).isEqualTo(read("{\"kind\":\"daily\",\"at\":\"09:00\"}"));
            assertThat(putBody.get("channels")).isEqualTo(JSON.createArrayNode().add("IN_APP").add("SMS"));
            assertThat(putBody.get("escalation")).as("PUT replaces whole: the escalation read is sent back")
                    .isEqualTo(read("{\"afterMinutes\":30}"));
            assertThat(putBody.has("quietHours")).isFalse();

            // changed elsewhere since the page read it: the PUT is refused, the page says so and shows the rule as it is
            ObjectNode elsewhere = rules.get(stalledId).deepCopy();
            elsewhere.put("name", "Stalled deals (team)").put("version", 3);
            rules.put(stalledId, elsewhere);
            click(chromium, row(stalledId) + " button.edit");
            type(chromium, "#rule-days", "50");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> "Stalled deals (team)".equals(chromium.script("return document.getElementById('rule-name').value")));
            assertThat(chromium.text("#rules-message")).isEqualTo("“Stalled deals” was changed elsewhere meanwhile and has been "
                    + "reloaded: The record was changed since you read it; it is now at version 3.");
            assertThat(requests).anyMatch(q -> q.startsWith("PUT /notifier/v1/rules/" + stalledId + " \"2\" "));
            assertThat(attribute(chromium, row(stalledId), "data-version")).isEqualTo("3");
            assertThat(rules.get(stalledId).get("parameters").get("days").asInt()).isEqualTo(45);
            click(chromium, "#rule-cancel");

            // an event rule has no schedule
            click(chromium, "#rule-new");
            type(chromium, "#rule-name", "Big wins");
            select(chromium, "#rule-type", "BIG_DEAL_WON");
            assertThat(chromium.visible("#rule-schedule-kind")).isFalse();
            type(chromium, "#rule-min-amount", "500000");
            select(chromium, "#rule-channel-1", "SMS");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 3);
            assertThat(read(lastBody("POST"))).isEqualTo(read("{\"name\":\"Big wins\",\"type\":\"BIG_DEAL_WON\","
                    + "\"parameters\":{\"minAmount\":500000},\"channels\":[\"IN_APP\",\"SMS\"],\"enabled\":true}"));
            assertThat(chromium.text(row(idNamed("Big wins")))).contains("Big deal won", "When a deal closes", "In the app → SMS");

            // delete asks once, then sends the version read
            click(chromium, row(dormantId) + " button.delete");
            assertThat(chromium.text(row(dormantId) + " button.delete")).isEqualTo("Really delete?");
            assertThat(rules).containsKey(dormantId);
            click(chromium, row(dormantId) + " button.delete");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 2);
            assertThat(requests).contains("DELETE /notifier/v1/rules/" + dormantId + " \"1\"");
            assertThat(rules).doesNotContainKey(dormantId);
            chromium.screenshot("workspace-rules.png");

            // in Chinese
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的提醒规则".equals(chromium.text("#rules h2")));
            assertThat(chromium.text(row(stalledId))).contains("停滞商机", "每天 09:00", "应用内 → 短信；未读 30 分钟后改用下一渠道");
            assertThat(chromium.text(row(idNamed("Big wins")))).contains("大单赢单", "商机结单时", "应用内 → 短信");
            click(chromium, "#rule-new");
            assertThat(chromium.text("#rule-form h3")).isEqualTo("新建规则");
            assertThat(new Select(chromium.browser().findElement(By.id("rule-type"))).getFirstSelectedOption().getText())
                    .isEqualTo("即将到期的活动与任务");
            chromium.screenshot("workspace-rules-zh-CN.png");
        }
    }

    /** The stub's validation: a few of the notifier's rules, enough to see the page list and mark them. */
    private static String problems(ObjectNode form) {
        StringBuilder errors = new StringBuilder();
        if (!form.hasNonNull("name") || form.get("name").asText().isBlank()) {
            errors.append("{\"field\":\"name\",\"reason\":\"must be 1 to 200 characters\"}");
        }
        JsonNode expression = form.path("schedule").path("expression");
        if (!expression.isMissingNode() && expression.asText().split("\\s+").length < 6) {
            errors.append(errors.isEmpty() ? "" : ",").append("{\"field\":\"schedule.expression\",\"reason\":\"must be a Quartz cron "
                    + "expression: seconds minutes hours day-of-month month day-of-week [year]\"}");
        }
        // the manager's subtree (and the rep of the first test, whose rule names a colleague it already had)
        List<String> allowed = List.of(ME, OTHER_REP, ANN, BO, CY);
        JsonNode recipients = form.path("recipients");
        for (int i = 0; i < recipients.size(); i++) {
            if (!allowed.contains(recipients.get(i).asText())) {
                errors.append(errors.isEmpty() ? "" : ",").append("{\"field\":\"recipients[" + i + "]\",\"reason\":"
                        + "\"not in a team you manage\"}");
            }
        }
        return errors.isEmpty() ? null : errors.toString();
    }

    private static ObjectNode stored(String id, ObjectNode form, long version) {
        ObjectNode rule = JSON.createObjectNode().put("id", id).put("ownerId", ME);
        rule.setAll(form);
        rule.remove("version");
        for (String optional : new String[] {"schedule", "quietHours", "digest", "escalation"}) {
            if (!rule.has(optional)) {
                rule.putNull(optional);
            }
        }
        rule.put("version", version).put("createdAt", "2026-11-28T00:00:00Z").put("updatedAt", "2026-11-28T00:00:00Z");
        return rule;
    }

    private static Mono<Void> conflict(HttpServerResponse res, long version) {
        return json(res, 409, "{\"type\":\"about:blank\",\"title\":\"Version conflict\",\"status\":409,\"detail\":"
                + "\"The record was changed since you read it; it is now at version " + version + ".\",\"currentVersion\":" + version + "}");
    }

    private static String lastBody(String method) {
        String last = requests.stream().filter(q -> q.startsWith(method + " ")).reduce((a, b) -> b).orElseThrow();
        return last.substring(last.indexOf('{'));
    }

    private static String idNamed(String name) {
        return rules.values().stream().filter(r -> r.get("name").asText().equals(name)).findFirst().orElseThrow()
                .get("id").asText();
    }

    private static String row(String id) {
        return "#rules-items tr[data-id='" + id + "']";
    }

    @Test
    void theTargetSummaryAndStageMovedBackwardsTypesSendTheirOwnParameters() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");
            chromium.waitUpTo(wait, b -> chromium.visible("#rule-new"));
            int before = 0;

            click(chromium, "#rule-new");
            type(chromium, "#rule-name", "Quarter at risk");
            select(chromium, "#rule-type", "TARGET_AT_RISK");
            assertThat(chromium.visible("#rule-days")).isFalse();
            assertThat(chromium.visible("#rule-report")).isFalse();
            type(chromium, "#rule-attainment", "70");
            type(chromium, "#rule-elapsed", "60");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == before + 1);
            assertThat(read(lastBody("POST")).get("parameters"))
                    .isEqualTo(read("{\"attainmentBelowPct\":70,\"periodElapsedPct\":60}"));

            click(chromium, "#rule-new");
            type(chromium, "#rule-name", "Monthly summary");
            select(chromium, "#rule-type", "PERIODIC_SUMMARY");
            assertThat(chromium.visible("#rule-attainment")).isFalse();
            select(chromium, "#rule-report", "SALES_BY_TEAM_LAST_YEAR");
            select(chromium, "#rule-schedule-kind", "monthly");
            type(chromium, "#rule-month-day", "1");
            chromium.screenshot("workspace-rules-summary.png");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == before + 2);
            JsonNode summary = read(lastBody("POST"));
            assertThat(summary.get("parameters")).isEqualTo(read("{\"report\":\"SALES_BY_TEAM_LAST_YEAR\"}"));
            assertThat(summary.get("schedule").get("kind").asText()).isEqualTo("monthly");

            click(chromium, "#rule-new");
            type(chromium, "#rule-name", "Backwards");
            select(chromium, "#rule-type", "STAGE_MOVED_BACKWARDS");
            assertThat(chromium.visible("#rule-at")).as("an event rule has no schedule").isFalse();
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == before + 3);
            JsonNode backwards = read(lastBody("POST"));
            assertThat(backwards.get("type").asText()).isEqualTo("STAGE_MOVED_BACKWARDS");
            assertThat(backwards.has("schedule")).isFalse();

            // the zh-CN names of the new types
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的提醒规则".equals(chromium.text("#rules h2")));
            click(chromium, "#rule-new");
            assertThat(texts(chromium, "#rule-type option")).contains("目标达成风险", "定期汇总", "商机阶段倒退");
        }
    }

    @Test
    void aManagerChoosesRecipientsAmongTheirTeamsAndSubTeamsAndARefusedRecipientIsMarked() throws Exception {
        String teamId = "e0000000-0000-4000-8000-000000000002";
        rules.put(teamId, stored(teamId, read("{\"name\":\"Team stalled\",\"type\":\"STALLED_DEALS\",\"parameters\":{\"days\":30},"
                + "\"recipients\":[\"" + ANN + "\",\"" + OUTSIDER + "\"],\"channels\":[\"IN_APP\"],"
                + "\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"enabled\":true}"), 1));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("mona", "MANAGER"), "/workspace.html");

            // the rule's recipients by name; one the api has no name for by id
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 1
                    && chromium.text(row(teamId) + " td.recipients").startsWith("Ann"));
            assertThat(chromium.text(row(teamId) + " td.recipients")).isEqualTo("Ann, " + OUTSIDER);

            // the people of the teams the manager manages and below, every page of each team's users read
            assertThat(apiRequests).anyMatch(r -> r.startsWith("GET /api/v1/teams?managerId=" + ME))
                    .anyMatch(r -> r.startsWith("GET /api/v1/teams?parentId=" + TEAM_EAST))
                    .anyMatch(r -> r.startsWith("GET /api/v1/teams?parentId=" + TEAM_EAST_1))
                    .anyMatch(r -> r.startsWith("GET /api/v1/users?teamId=" + TEAM_EAST_1) && r.contains("cursor=c2"));
            click(chromium, "#rule-new");
            assertThat(chromium.visible("#rule-recipients")).isTrue();
            assertThat(texts(chromium, "#rule-recipient-list label")).containsExactly("Me", "Ann (East)", "Bo (East-1)", "Cy (East-1)");
            assertThat(recipientsChecked(chromium)).as("a new rule reaches its owner, as the notifier's default").containsExactly(ME);
            type(chromium, "#rule-name", "Team dormant");
            select(chromium, "#rule-type", "DORMANT_CUSTOMERS");
            type(chromium, "#rule-days", "60");
            click(chromium, recipient(ME));
            click(chromium, recipient(BO));
            click(chromium, recipient(CY));
            chromium.screenshot("workspace-rules-manager.png");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 2);
            assertThat(read(lastBody("POST")).get("recipients")).isEqualTo(JSON.createArrayNode().add(BO).add(CY));
            assertThat(chromium.text(row(idNamed("Team dormant")) + " td.recipients")).isEqualTo("Bo, Cy");

            // someone who left the manager's teams stays listed and checked; the notifier refuses them by index
            click(chromium, row(teamId) + " button.edit");
            assertThat(recipientsChecked(chromium)).containsExactly(ANN, OUTSIDER);
            assertThat(chromium.text("#rule-recipient-list label:last-child")).isEqualTo(OUTSIDER + " (no longer in my teams)");
            type(chromium, "#rule-days", "40");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> chromium.visible("#rule-errors"));
            assertThat(texts(chromium, "#rule-errors li")).containsExactly("recipients[1]: not in a team you manage");
            assertThat(attribute(chromium, "#rule-recipients", "aria-invalid")).isEqualTo("true");
            assertThat(rules.get(teamId).get("version").asLong()).isEqualTo(1);

            // unchecked, the rule is saved with the one left
            click(chromium, recipient(OUTSIDER));
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> "2".equals(attribute(chromium, row(teamId), "data-version")));
            assertThat(rules.get(teamId).get("recipients")).isEqualTo(JSON.createArrayNode().add(ANN));
            assertThat(chromium.text(row(teamId) + " td.recipients")).isEqualTo("Ann");
            chromium.screenshot("workspace-rules-manager-list.png");

            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的提醒规则".equals(chromium.text("#rules h2")));
            assertThat(texts(chromium, "#rules-items th")).contains("接收人");
        }
    }

    @Test
    void aRepGetsNoRecipientPickerAndTheirNewRuleReachesThemselves() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");
            chromium.waitUpTo(wait, b -> chromium.visible("#rule-new"));
            click(chromium, "#rule-new");
            assertThat(chromium.visible("#rule-recipients")).isFalse();
            assertThat(texts(chromium, "#rule-recipient-list label")).isEmpty();
            type(chromium, "#rule-name", "My stalled deals");
            select(chromium, "#rule-type", "STALLED_DEALS");
            click(chromium, "#rule-save");
            chromium.waitUpTo(wait, b -> ruleIds(chromium).size() == 1);
            assertThat(read(lastBody("POST")).has("recipients")).as("left out: the notifier's default is the caller").isFalse();
            assertThat(chromium.text(row(idNamed("My stalled deals")) + " td.recipients")).isEqualTo("Me");
            assertThat(apiRequests).as("a rep's page reads no team").isEmpty();
        }
    }

    private static String recipient(String id) {
        return "#rule-recipient-list input[value='" + id + "']";
    }

    @SuppressWarnings("unchecked")
    private static List<String> recipientsChecked(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#rule-recipient-list input:checked')).map(b => b.value)");
    }

    private static void click(HeadlessChromium chromium, String css) {
        chromium.browser().findElement(By.cssSelector(css)).click();
    }

    private static void type(HeadlessChromium chromium, String css, String text) {
        WebElement input = chromium.browser().findElement(By.cssSelector(css));
        input.clear();
        input.sendKeys(text);
    }

    private static void select(HeadlessChromium chromium, String css, String value) {
        new Select(chromium.browser().findElement(By.cssSelector(css))).selectByValue(value);
    }

    /** Read in one script: the list is redrawn whole after each answer, so a found element can go stale. */
    private static String attribute(HeadlessChromium chromium, String css, String name) {
        return (String) chromium.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
    }

    private static List<String> texts(HeadlessChromium chromium, String css) {
        return chromium.browser().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ruleIds(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#rules-items tr[data-id]')).map(tr => tr.dataset.id)");
    }

    private static ObjectNode read(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Mono<Void> json(HttpServerResponse res, int status, String body) {
        return res.status(status).header(HttpHeaders.CONTENT_TYPE, status >= 400 ? "application/problem+json" : "application/json")
                .sendString(Mono.just(body)).then();
    }
}
