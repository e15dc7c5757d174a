package com.pulse.dashboards.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
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
 * The workspace's notification preferences against a stub notifier that keeps them as {@code PreferencesController}
 * does: GET answers the zone in force and {@code timeZoneChosen}, PUT replaces them whole with {@code If-Match}
 * (409 with {@code currentVersion} when stale) and refuses a phone that is not E.164 with 400
 * {@code errors: [{field, reason}]}. What is read fills the form; what is saved is the JSON the notifier reads.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspacePreferencesTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    /** The preferences as the notifier holds them (the GET answer). */
    static final AtomicReference<ObjectNode> stored = new AtomicReference<>(read("{\"timeZone\":\"Asia/Shanghai\","
            + "\"timeZoneChosen\":false,\"locale\":\"zh-CN\",\"phone\":\"+8613800138000\",\"email\":null,\"quietHours\":null,"
            + "\"channels\":{\"STALLED_DEALS\":[\"IN_APP\"]},\"digest\":false,\"version\":1}"));
    /** Every PUT as "If-Match body", in order. */
    static final List<String> puts = new CopyOnWriteArrayList<>();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/notifier/v1/inbox", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null,\"unreadCount\":0}"))
                    .get("/notifier/v1/rules", (req, res) -> json(res, 200, "{\"items\":[]}"))
                    .get("/notifier/v1/preferences", (req, res) -> json(res, 200, stored.get().toString()))
                    .put("/notifier/v1/preferences", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        String ifMatch = req.requestHeaders().get(HttpHeaders.IF_MATCH);
                        puts.add(ifMatch + " " + body);
                        ObjectNode current = stored.get();
                        long version = current.get("version").asLong();
                        if (!("\"" + version + "\"").equals(ifMatch)) {
                            return json(res, 409, "{\"type\":\"about:blank\",\"title\":\"Version conflict\",\"status\":409,"
                                    + "\"detail\":\"The record was changed since you read it; it is now at version " + version
                                    + ".\",\"currentVersion\":" + version + "}");
                        }
                        ObjectNode wanted = read(body);
                        if (wanted.hasNonNull("phone") && !E164.matcher(wanted.get("phone").asText()).matches()) {
                            return json(res, 400, "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":400,"
                                    + "\"detail\":\"invalid\",\"errors\":[{\"field\":\"phone\","
                                    + "\"reason\":\"must be an E.164 number, e.g. +8613800138000\"}]}");
                        }
                        ObjectNode view = JSON.createObjectNode();
                        boolean chosen = wanted.hasNonNull("timeZone");
                        view.put("timeZone", chosen ? wanted.get("timeZone").asText() : "Asia/Shanghai").put("timeZoneChosen", chosen);
                        view.put("locale", wanted.path("locale").asText("zh-CN"));
                        view.set("phone", wanted.path("phone").isMissingNode() ? JSON.nullNode() : wanted.get("phone"));
                        view.set("email", wanted.path("email").isMissingNode() ? JSON.nullNode() : wanted.get("email"));
                        view.set("quietHours", wanted.path("quietHours").isMissingNode() ? JSON.nullNode() : wanted.get("quietHours"));
                        view.set("channels", wanted.path("channels").isMissingNode() ? JSON.createObjectNode() : wanted.get("channels"));
                        view.put("digest", wanted.path("digest").asBoolean(false)).put("version", version + 1);
                        stored.set(view);
                        return json(res, 200, view.toString());
                    })))
            .bindNow();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/opportunities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/activities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/tasks", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}")))
            .bindNow();

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

    @Test
    void aRepReadsAndSavesTheirPreferencesAndIsShownTheFieldTheNotifierRefuses() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");

            // what the notifier has: the default zone shown but not filled in, a type with only in-app on
            chromium.waitUpTo(wait, b -> "1".equals(attribute(chromium, "#preferences-form", "data-version")));
            assertThat(value(chromium, "#pref-phone")).isEqualTo("+8613800138000");
            assertThat(value(chromium, "#pref-time-zone")).isEmpty();
            assertThat(chromium.text("#pref-zone-hint")).isEqualTo("not chosen: Asia/Shanghai is used");
            assertThat(value(chromium, "#pref-locale")).isEqualTo("zh-CN");
            assertThat(checked(chromium, box("STALLED_DEALS", "IN_APP"))).isTrue();
            assertThat(checked(chromium, box("STALLED_DEALS", "SMS"))).isFalse();
            assertThat(checked(chromium, box("DUE_SOON", "EMAIL"))).as("a type not named has all on").isTrue();
            assertThat(chromium.visible("#pref-quiet-from")).isFalse();

            // saved whole, with the version read; only the types not all on are named
            type(chromium, "#pref-time-zone", "Europe/Berlin");
            select(chromium, "#pref-locale", "en");
            type(chromium, "#pref-email", "rita@example.com");
            click(chromium, "#pref-quiet");
            type(chromium, "#pref-quiet-from", "21:00");
            type(chromium, "#pref-quiet-to", "06:30");
            click(chromium, box("DUE_SOON", "EMAIL"));
            click(chromium, "#pref-digest");
            click(chromium, "#pref-save");
            chromium.waitUpTo(wait, b -> "2".equals(attribute(chromium, "#preferences-form", "data-version")));
            assertThat(puts).hasSize(1);
            assertThat(puts.get(0)).startsWith("\"1\" ");
            assertThat(read(puts.get(0).substring(puts.get(0).indexOf('{')))).isEqualTo(read("{\"timeZone\":\"Europe/Berlin\","
                    + "\"locale\":\"en\",\"phone\":\"+8613800138000\",\"email\":\"rita@example.com\","
                    + "\"quietHours\":{\"from\":\"21:00\",\"to\":\"06:30\"},"
                    + "\"channels\":{\"DUE_SOON\":[\"IN_APP\",\"SMS\"],\"STALLED_DEALS\":[\"IN_APP\"]},\"digest\":true}"));
            assertThat(chromium.text("#preferences-message")).isEqualTo("Preferences saved.");
            assertThat(chromium.text("#pref-zone-hint")).isEmpty();
            assertThat(value(chromium, "#pref-time-zone")).isEqualTo("Europe/Berlin");

            // refused: the reason next to the phone, the phone marked, nothing else; nothing stored
            type(chromium, "#pref-phone", "0138 0013 8000");
            click(chromium, "#pref-save");
            chromium.waitUpTo(wait, b -> chromium.visible(".field-error[data-field='phone']"));
            assertThat(chromium.text(".field-error[data-field='phone']")).isEqualTo("must be an E.164 number, e.g. +8613800138000");
            assertThat((Boolean) chromium.script("return document.querySelector(\".field-error[data-field='phone']\")"
                    + ".closest('label').contains(document.getElementById('pref-phone'))")).as("next to the phone input").isTrue();
            assertThat(attribute(chromium, "#pref-phone", "aria-invalid")).isEqualTo("true");
            assertThat(attribute(chromium, "#pref-email", "aria-invalid")).isNull();
            assertThat(chromium.browser().findElements(By.cssSelector(".field-error"))).hasSize(1);
            assertThat(chromium.text("#preferences-message")).isEqualTo("The preferences were not saved; please correct the marked fields.");
            assertThat(stored.get().get("version").asLong()).isEqualTo(2);
            chromium.script("document.getElementById('preferences').scrollIntoView()");
            chromium.screenshot("workspace-preferences.png");

            // changed elsewhere since read: refused, reloaded as they now are, and said so
            ObjectNode elsewhere = stored.get().deepCopy();
            elsewhere.put("phone", "+8613900139000").put("version", 4);
            stored.set(elsewhere);
            type(chromium, "#pref-phone", "+8613700137000");
            click(chromium, "#pref-save");
            chromium.waitUpTo(wait, b -> "4".equals(attribute(chromium, "#preferences-form", "data-version")));
            assertThat(puts.get(puts.size() - 1)).startsWith("\"2\" ");
            assertThat(value(chromium, "#pref-phone")).isEqualTo("+8613900139000");
            assertThat(chromium.text("#preferences-message")).isEqualTo("The preferences were changed elsewhere meanwhile and "
                    + "have been reloaded: The record was changed since you read it; it is now at version 4.");
            assertThat(chromium.browser().findElements(By.cssSelector(".field-error"))).isEmpty();

            // in Chinese
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的通知偏好".equals(chromium.text("#preferences h2")));
            assertThat(chromium.text("#pref-channels tr[data-type='STALLED_DEALS']")).contains("停滞商机");
            assertThat(chromium.text("#pref-save")).isEqualTo("保存偏好");
            chromium.script("document.getElementById('preferences').scrollIntoView()");
            chromium.screenshot("workspace-preferences-zh-CN.png");
        }
    }

    private static String box(String type, String channel) {
        return "#pref-channels tr[data-type='" + type + "'] input[data-channel='" + channel + "']";
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

    private static String value(HeadlessChromium chromium, String css) {
        return (String) chromium.script("return document.querySelector(arguments[0]).value", css);
    }

    private static boolean checked(HeadlessChromium chromium, String css) {
        return (Boolean) chromium.script("return document.querySelector(arguments[0]).checked", css);
    }

    private static String attribute(HeadlessChromium chromium, String css, String name) {
        return (String) chromium.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
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
