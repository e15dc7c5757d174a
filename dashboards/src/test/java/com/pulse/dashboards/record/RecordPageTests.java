package com.pulse.dashboards.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * The read-only record page against a stub api answering records in the api's JSON shapes (an opportunity with a
 * product line, its account, a task, a 404 and a 403 problem+json), reached from an alert in the workspace's inbox: the
 * fields a rep needs, instants in the user's zone (Asia/Shanghai), money in the page's language, the account linked
 * by name, and the api's refusals as plain sentences.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RecordPageTests {

    static final String DEAL = "7d1c2f0e-0000-4000-8000-000000000001";
    static final String ACCOUNT = "7d1c2f0e-0000-4000-8000-0000000000a1";
    static final String GONE = "7d1c2f0e-0000-4000-8000-000000000404";
    static final String FORBIDDEN = "7d1c2f0e-0000-4000-8000-000000000403";
    static final String TASK = "7d1c2f0e-0000-4000-8000-0000000000b1";

    /** Every api request as "METHOD uri Authorization", in order. */
    static final List<String> requests = new CopyOnWriteArrayList<>();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/notifier/v1/inbox", (req, res) -> json(res, 200, "{\"items\":[{\"id\":\"al-1\",\"ruleId\":null,"
                            + "\"title\":\"Won: Orion renewal\",\"body\":\"125,000.50 CNY\",\"link\":\"/api/v1/opportunities/" + DEAL + "\","
                            + "\"createdAt\":\"2026-11-28T01:30:00Z\",\"readAt\":null,\"read\":false}],\"nextCursor\":null,\"unreadCount\":1}"))
                    .route(req -> req.uri().startsWith("/notifier/v1/inbox/"), (req, res) -> json(res, 200,
                            "{\"id\":\"al-1\",\"title\":\"Won: Orion renewal\",\"link\":\"/api/v1/opportunities/" + DEAL + "\","
                                    + "\"createdAt\":\"2026-11-28T01:30:00Z\",\"readAt\":\"2026-11-28T02:00:00Z\",\"read\":true}"))
                    .get("/notifier/v1/rules", (req, res) -> json(res, 200, "{\"items\":[]}"))
                    .get("/notifier/v1/preferences", (req, res) -> json(res, 200, "{\"timeZone\":\"Asia/Shanghai\","
                            + "\"timeZoneChosen\":false,\"locale\":\"en\",\"phone\":null,\"email\":null,\"quietHours\":null,"
                            + "\"channels\":{},\"digest\":false,\"version\":0}")))
            .bindNow();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/opportunities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/activities", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/tasks", (req, res) -> json(res, 200, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/opportunities/{id}", (req, res) -> {
                        requests.add("GET " + req.uri() + " " + req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                        return switch (req.param("id")) {
                            case DEAL -> json(res, 200, "{\"id\":\"" + DEAL + "\",\"accountId\":\"" + ACCOUNT + "\","
                                    + "\"ownerId\":\"0b6f8f0e-2d55-4f0e-9d3c-000000000001\",\"name\":\"Orion renewal\","
                                    + "\"stage\":\"PROPOSAL\",\"amount\":125000.5,\"currency\":\"CNY\",\"amountBase\":17361.18,"
                                    + "\"probability\":60,\"forecastCategory\":\"BEST_CASE\",\"expectedCloseDate\":\"2026-12-15\","
                                    + "\"closedAt\":null,\"createdAt\":\"2026-10-01T08:00:00Z\",\"updatedAt\":\"2026-11-28T01:30:00Z\","
                                    + "\"version\":7,\"lostReason\":null,\"source\":\"REFERRAL\",\"competitors\":[\"Vega\",\"Acme\"],"
                                    + "\"lines\":[{\"productId\":\"p-1\",\"productCode\":\"SVC-1\",\"productName\":\"Support plan\","
                                    + "\"category\":\"SERVICE\",\"quantity\":2,\"unitPrice\":62500.25,\"discountPercent\":0,"
                                    + "\"amount\":125000.5}]}");
                            case FORBIDDEN -> json(res, 403, "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                                    + "\"detail\":\"The opportunity is outside your data scope.\"}");
                            default -> json(res, 404, "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                    + "\"detail\":\"No opportunity " + req.param("id") + "\"}");
                        };
                    })
                    .get("/api/v1/tasks/{id}", (req, res) -> {
                        requests.add("GET " + req.uri() + " " + req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                        return json(res, 200, "{\"id\":\"" + TASK + "\",\"title\":\"Send the quote to Orion\","
                                + "\"assigneeId\":\"0b6f8f0e-2d55-4f0e-9d3c-000000000001\",\"due\":\"2026-11-30T10:00:00Z\","
                                + "\"status\":\"IN_PROGRESS\",\"accountId\":\"" + ACCOUNT + "\",\"opportunityId\":\"" + DEAL + "\","
                                + "\"createdAt\":\"2026-11-20T02:00:00Z\",\"updatedAt\":\"2026-11-28T01:30:00Z\",\"deleted\":false,\"version\":2}");
                    })
                    .get("/api/v1/accounts/{id}", (req, res) -> {
                        requests.add("GET " + req.uri() + " " + req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                        return json(res, 200, "{\"id\":\"" + ACCOUNT + "\",\"name\":\"Orion Foods\",\"industry\":\"Food\","
                                + "\"region\":\"East\",\"tier\":\"GOLD\",\"type\":\"CUSTOMER\",\"parentAccountId\":null,"
                                + "\"ownerId\":\"0b6f8f0e-2d55-4f0e-9d3c-000000000001\",\"sharedWith\":[],\"status\":\"ACTIVE\","
                                + "\"createdAt\":\"2025-01-02T03:04:05Z\",\"updatedAt\":\"2026-11-20T16:00:00Z\",\"version\":3}");
                    }))
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
    void anAlertOpensItsOpportunityAsARecordPageAndTheApisRefusalsAreSaidPlainly() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            String token = FakeTokens.valid("rita", "REP");
            chromium.openSignedIn("http://localhost:" + port, token, "/workspace.html");

            // the inbox's link is the record page, not the api's JSON
            chromium.waitUpTo(wait, b -> !b.findElements(By.cssSelector("li[data-id='al-1'] a.title")).isEmpty());
            assertThat(chromium.browser().findElement(By.cssSelector("li[data-id='al-1'] a.title")).getAttribute("href"))
                    .endsWith("/record.html?type=opportunity&id=" + DEAL);
            chromium.browser().findElement(By.cssSelector("li[data-id='al-1'] a.title")).click();
            chromium.waitUpTo(wait, b -> "shown".equals(attribute(chromium, "#record", "data-state")));
            assertThat(chromium.currentPath()).isEqualTo("/record.html");
            assertThat(requests).contains("GET /api/v1/opportunities/" + DEAL + " Bearer " + token,
                    "GET /api/v1/accounts/" + ACCOUNT + " Bearer " + token);

            assertThat(chromium.text("#record-kind")).isEqualToIgnoringCase("Opportunity");
            assertThat(chromium.text("#record-name")).isEqualTo("Orion renewal");
            assertThat(field(chromium, "account")).isEqualTo("Orion Foods");
            String accountHref = chromium.browser().findElement(By.cssSelector("dd[data-field='account'] a")).getAttribute("href");
            assertThat(URI.create(accountHref).getPath() + "?" + URI.create(accountHref).getRawQuery())
                    .isEqualTo("/record.html?type=account&id=" + ACCOUNT);
            assertThat(field(chromium, "stage")).isEqualTo("Proposal");
            assertThat(field(chromium, "amount")).isEqualTo("125,000.50 CNY");
            assertThat(field(chromium, "amountBase")).isEqualTo("17,361.18");
            assertThat(field(chromium, "probability")).isEqualTo("60%");
            assertThat(field(chromium, "expectedClose")).isEqualTo("Dec 15, 2026");
            assertThat(field(chromium, "competitors")).isEqualTo("Vega, Acme");
            // 01:30 UTC is 09:30 in Asia/Shanghai, the token's zone
            assertThat(plain(field(chromium, "updatedAt"))).isEqualTo("Nov 28, 2026, 9:30:00 AM");
            assertThat(chromium.browser().findElements(By.cssSelector("dd[data-field='closedAt']")))
                    .as("a field the record does not have is left out").isEmpty();
            assertThat(chromium.text("#record-lines tbody tr")).contains("Support plan", "2", "62,500.25", "125,000.50 CNY");
            chromium.screenshot("record-opportunity.png");

            // the account it links to
            chromium.browser().findElement(By.cssSelector("dd[data-field='account'] a")).click();
            chromium.waitUpTo(wait, b -> "account".equals(attribute(chromium, "#record", "data-type"))
                    && "shown".equals(attribute(chromium, "#record", "data-state")));
            assertThat(chromium.text("#record-name")).isEqualTo("Orion Foods");
            assertThat(field(chromium, "industry")).isEqualTo("Food");
            assertThat(chromium.visible("#record-lines")).isFalse();

            // in Chinese
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "客户".equals(chromium.text("#record-kind")));
            chromium.browser().navigate().to("http://localhost:" + port + "/record.html?type=opportunity&id=" + DEAL);
            chromium.waitUpTo(wait, b -> "shown".equals(attribute(chromium, "#record", "data-state")));
            chromium.waitUpTo(wait, b -> "商机".equals(chromium.text("#record-kind")));
            assertThat(field(chromium, "stage")).isEqualTo("方案报价");
            assertThat(chromium.text("#record-fields")).contains("预计成交日期", "客户", "Orion Foods");
            chromium.screenshot("record-opportunity-zh-CN.png");

            // the api's 404 and 403, said plainly, no fields
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("en");
            chromium.waitUpTo(wait, b -> "Opportunity".equalsIgnoreCase(chromium.text("#record-kind")));
            chromium.browser().navigate().to("http://localhost:" + port + "/record.html?type=opportunity&id=" + GONE);
            chromium.waitUpTo(wait, b -> "problem".equals(attribute(chromium, "#record", "data-state")));
            chromium.waitUpTo(wait, b -> chromium.text("#record-message").startsWith("This opportunity"));
            assertThat(chromium.text("#record-message")).isEqualTo("This opportunity does not exist or has been deleted.");
            assertThat(chromium.browser().findElements(By.cssSelector("#record-fields dd"))).isEmpty();
            chromium.screenshot("record-not-found.png");

            chromium.browser().navigate().to("http://localhost:" + port + "/record.html?type=opportunity&id=" + FORBIDDEN);
            chromium.waitUpTo(wait, b -> "problem".equals(attribute(chromium, "#record", "data-state")));
            assertThat(chromium.text("#record-message")).isEqualTo("You may not see this opportunity: The opportunity is outside your data scope.");

            chromium.browser().navigate().to("http://localhost:" + port + "/record.html?type=invoice&id=x");
            chromium.waitUpTo(wait, b -> "problem".equals(attribute(chromium, "#record", "data-state")));
            assertThat(chromium.text("#record-message")).isEqualTo("This link names no record the page can show.");
        }
    }

    @Test
    void aTaskShowsItsStatusDueTimeAccountAndDealInTheUsersZoneAndLanguage() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            String token = FakeTokens.valid("rita", "REP");
            chromium.openSignedIn("http://localhost:" + port, token, "/record.html?type=task&id=" + TASK);
            chromium.waitUpTo(wait, b -> "shown".equals(attribute(chromium, "#record", "data-state")));
            assertThat(requests).contains("GET /api/v1/tasks/" + TASK + " Bearer " + token);

            assertThat(chromium.text("#record-kind")).isEqualToIgnoringCase("Task");
            assertThat(chromium.text("#record-name")).isEqualTo("Send the quote to Orion");
            assertThat(field(chromium, "taskStatus")).isEqualTo("In progress");
            // 10:00 UTC is 18:00 in Asia/Shanghai
            assertThat(plain(field(chromium, "dueAt"))).isEqualTo("Nov 30, 2026, 6:00:00 PM");
            assertThat(field(chromium, "account")).isEqualTo("Orion Foods");
            assertThat(field(chromium, "opportunity")).isEqualTo("Orion renewal");
            String dealHref = chromium.browser().findElement(By.cssSelector("dd[data-field='opportunity'] a")).getAttribute("href");
            assertThat(URI.create(dealHref).getPath() + "?" + URI.create(dealHref).getRawQuery())
                    .isEqualTo("/record.html?type=opportunity&id=" + DEAL);
            assertThat(chromium.visible("#record-lines")).isFalse();
            chromium.screenshot("record-task.png");

            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "任务".equals(chromium.text("#record-kind")));
            assertThat(field(chromium, "taskStatus")).isEqualTo("进行中");
            assertThat(chromium.text("#record-fields")).contains("状态", "截止时间", "Orion Foods");
        }
    }

    private static String field(HeadlessChromium chromium, String name) {
        return (String) chromium.script("const e = document.querySelector(\"dd[data-field='\" + arguments[0] + \"']\"); "
                + "return e ? e.textContent : null;", name);
    }

    private static String attribute(HeadlessChromium chromium, String css, String name) {
        return (String) chromium.script("const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                css, name);
    }

    private static String plain(String text) {
        return text == null ? null : text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    private static Mono<Void> json(HttpServerResponse res, int status, String body) {
        return res.status(status).header(HttpHeaders.CONTENT_TYPE, status >= 400 ? "application/problem+json" : "application/json")
                .sendString(Mono.just(body)).then();
    }
}
