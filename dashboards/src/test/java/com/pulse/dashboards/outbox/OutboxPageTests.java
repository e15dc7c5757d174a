package com.pulse.dashboards.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The demo outbox page in a real browser, against a stub notifier behind the gateway that answers
 * {@code GET /notifier/v1/dev/outbox} as the notifier's demo catchers do: both lists drawn, a message that
 * arrives later shown by the page's polling without a reload, the link offered in the navigation, and the
 * labels in zh-CN.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "pulse.dashboards.features.demo=true")
class OutboxPageTests {

    static final String SMS = """
            {"sid":"SM01","to":"+8613800138000","from":"+15005550006",
             "body":"Stalled: Ritas stuck deal — in QUALIFICATION for 40 days /api/v1/opportunities/1","segments":2,
             "at":"2027-06-15T01:00:02Z"}""";
    static final String EMAIL = """
            {"to":["sam@example.com"],"from":"Pulse demo <pulse@demo.localhost>",
             "subject":"Stalled: Sams stuck deal — in NEGOTIATION for 50 days",
             "text":"Sams stuck deal — in NEGOTIATION for 50 days\\n\\n/api/v1/opportunities/2",
             "html":"<p>Sams stuck deal</p>","at":"2027-06-15T01:00:03Z"}""";
    static final String LATER_SMS = """
            {"sid":"SM02","to":"+8613800138000","from":"+15005550006","body":"Due: Call Acme /api/v1/activities/3",
             "segments":1,"at":"2027-06-15T01:05:00Z"}""";

    /** What the stub notifier answers now, and the Authorization header of the last request. */
    static final AtomicReference<String> outbox = new AtomicReference<>("{\"emails\":[" + EMAIL + "],\"sms\":[" + SMS + "]}");
    static final AtomicReference<String> authorization = new AtomicReference<>();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/notifier/v1/dev/outbox", (req, res) -> {
                authorization.set(req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                return res.header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.fromSupplier(outbox::get)).then();
            }))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:" + notifier.port());
    }

    @AfterAll
    static void stopNotifier() {
        notifier.disposeNow();
    }

    @LocalServerPort
    int port;

    @Test
    void showsTheCaughtEmailsAndSmsAndNewOnesAsTheyArriveInEnglishAndChinese() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            String base = "http://localhost:" + port;
            Duration wait = Duration.ofSeconds(10);
            String token = FakeTokens.valid("rita", "REP");

            chromium.openSignedIn(base, token, "/outbox.html");
            chromium.waitUpTo(wait, b -> rows(chromium, "sms-table").size() == 1 && rows(chromium, "email-table").size() == 1);

            // both lists, through the gateway's /notifier route with the user's token
            assertThat(authorization.get()).isEqualTo("Bearer " + token);
            assertThat(rows(chromium, "sms-table").get(0)).containsSubsequence("+8613800138000",
                    "Stalled: Ritas stuck deal — in QUALIFICATION for 40 days /api/v1/opportunities/1", "2");
            assertThat(rows(chromium, "email-table").get(0)).containsSubsequence("sam@example.com",
                    "Stalled: Sams stuck deal — in NEGOTIATION for 50 days");
            assertThat(chromium.text("#email-table tbody td.body")).startsWith("Sams stuck deal — in NEGOTIATION for 50 days");
            assertThat(chromium.text("#sms-count")).isEqualTo("(1)");
            // the time in the user's zone (the token's Asia/Shanghai): 01:00:02Z is 09:00:02
            assertThat(chromium.text("#sms-table tbody td.at")).contains("9:00:02");
            assertThat(navigation(chromium)).containsExactly("workspace", "outbox");
            chromium.screenshot("outbox-en.png");

            // a message caught later appears on top without a reload, highlighted
            outbox.set("{\"emails\":[" + EMAIL + "],\"sms\":[" + LATER_SMS + "," + SMS + "]}");
            chromium.waitUpTo(wait, b -> rows(chromium, "sms-table").size() == 2);
            assertThat(rows(chromium, "sms-table").get(0)).contains("Due: Call Acme /api/v1/activities/3");
            assertThat(chromium.script("return document.querySelector('#sms-table tbody tr').className")).isEqualTo("fresh");
            assertThat(chromium.script("return document.querySelectorAll('#sms-table tbody tr')[1].className")).isEqualTo("");

            // zh-CN labels
            new org.openqa.selenium.support.ui.Select(chromium.browser().findElement(org.openqa.selenium.By.id("language")))
                    .selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "短信".equals(chromium.text("#sms-card h2 span")));
            assertThat(chromium.text("#email-card h2 span")).isEqualTo("邮件");
            assertThat(chromium.text("#email-table th:nth-child(3)")).isEqualTo("主题");
            assertThat(chromium.text("nav a[data-page='outbox']")).isEqualTo("发件箱（演示）");
            assertThat(rows(chromium, "sms-table")).hasSize(2);
            chromium.screenshot("outbox-zh-CN.png");

            // empty lists say so
            outbox.set("{\"emails\":[],\"sms\":[]}");
            chromium.waitUpTo(wait, b -> chromium.visible("#sms-empty"));
            assertThat(chromium.text("#sms-empty")).isEqualTo("尚未发送短信。");
            assertThat(chromium.text("#email-empty")).isEqualTo("尚未发送邮件。");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(HeadlessChromium chromium, String table) {
        return (List<List<String>>) chromium.script("return Array.from(document.querySelectorAll('#" + table
                + " tbody tr')).map(tr => Array.from(tr.cells).map(td => td.textContent))");
    }

    @SuppressWarnings("unchecked")
    private static List<String> navigation(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#nav a')).map(a => a.dataset.page)");
    }
}
