package com.pulse.dashboards.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.dashboards.cockpit.FakeTokens;
import com.pulse.dashboards.cockpit.HeadlessChromium;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The workspace's alerts inbox and "activities and tasks due" in a real browser. A stub notifier answers the
 * inbox as {@code InboxController} does (newest first, limit and cursor, unread filter, unreadCount, PATCH
 * {"read": …}) and speaks STOMP on {@code /ws}; a stub api answers the activity and task lists with their
 * filters. A pushed alert goes on top and raises the count, marking read sends the PATCH and lowers it, a
 * reconnect re-reads the inbox, and the due list is ordered by due time with the overdue ones marked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkspaceInboxTests {

    static final String ME = WorkspacePipelineTests.ME;

    record Alert(String id, String title, String link, Instant createdAt, boolean read) {
        String json() {
            return "{\"id\":\"" + id + "\",\"kind\":\"BIG_DEAL_WON\",\"title\":\"" + title + "\",\"body\":\"Owner: rita\","
                    + "\"link\":\"" + link + "\",\"createdAt\":\"" + createdAt + "\",\"readAt\":"
                    + (read ? "\"" + createdAt.plusSeconds(60) + "\"" : "null") + ",\"read\":" + read + "}";
        }
    }

    /** The stub inbox, newest first, as the notifier would store it. */
    static final List<Alert> inbox = new CopyOnWriteArrayList<>();
    /** Every request to either stub, as "METHOD uri [Content-Type body]" in order; the last Authorization header seen. */
    static final List<String> requests = new CopyOnWriteArrayList<>();
    static final AtomicReference<String> authorization = new AtomicReference<>();
    /** Frames to the browser on the current STOMP connection, the alerts subscription and the CONNECT's Authorization. */
    static final AtomicReference<Sinks.Many<String>> toBrowser = new AtomicReference<>();
    static final AtomicReference<String> subscription = new AtomicReference<>();
    static final AtomicReference<String> subscribedTo = new AtomicReference<>();
    static final AtomicReference<String> connectAuthorization = new AtomicReference<>();
    /** Activities and tasks the stub api completed: its lists leave them out. */
    static final java.util.Set<String> completed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When set, the stub answers "mark all read" 503 as the notifier does with its database down. */
    static final AtomicBoolean markAllFails = new AtomicBoolean();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/notifier/v1/inbox", (req, res) -> {
                        requests.add("GET " + req.uri());
                        authorization.set(req.requestHeaders().get(HttpHeaders.AUTHORIZATION));
                        boolean unreadOnly = "true".equals(param(req.uri(), "unread"));
                        int limit = Integer.parseInt(param(req.uri(), "limit"));
                        // the stub's cursor is the position of the next alert; the notifier's is opaque
                        String cursor = param(req.uri(), "cursor");
                        List<Alert> matching = inbox.stream().filter(a -> !unreadOnly || !a.read()).toList();
                        int from = cursor == null ? 0 : Integer.parseInt(cursor.substring(1));
                        List<Alert> page = matching.subList(from, Math.min(matching.size(), from + limit));
                        String next = from + limit < matching.size() ? "\"p" + (from + limit) + "\"" : "null";
                        long unread = inbox.stream().filter(a -> !a.read()).count();
                        return json(res, "{\"items\":[" + page.stream().map(Alert::json).collect(Collectors.joining(","))
                                + "],\"nextCursor\":" + next + ",\"unreadCount\":" + unread + "}");
                    })
                    .route(req -> req.method() == HttpMethod.PATCH && req.uri().startsWith("/notifier/v1/inbox/"),
                            (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                                requests.add("PATCH " + req.uri() + " " + req.requestHeaders().get(HttpHeaders.CONTENT_TYPE) + " " + body);
                                String id = req.uri().substring("/notifier/v1/inbox/".length());
                                boolean read = body.contains("\"read\":true");
                                Alert marked = null;
                                for (int i = 0; i < inbox.size(); i++) {
                                    Alert a = inbox.get(i);
                                    if (a.id().equals(id)) {
                                        marked = new Alert(a.id(), a.title(), a.link(), a.createdAt(), read);
                                        inbox.set(i, marked);
                                    }
                                }
                                return json(res, marked.json());
                            }))
                    .post("/notifier/v1/inbox/mark-all-read", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                        requests.add("POST " + req.uri() + " " + req.requestHeaders().get(HttpHeaders.CONTENT_TYPE) + " " + body);
                        if (markAllFails.get()) {
                            return res.status(503).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                    .sendString(Mono.just("{\"title\":\"Inbox unavailable\",\"status\":503,"
                                            + "\"detail\":\"The inbox cannot be reached; try again shortly.\"}")).then();
                        }
                        // as the notifier: unread alerts created at or before "through" are marked read
                        Instant through = Instant.parse(body.replaceAll(".*\"through\":\"([^\"]+)\".*", "$1"));
                        int marked = 0;
                        for (int i = 0; i < inbox.size(); i++) {
                            Alert a = inbox.get(i);
                            if (!a.read() && !a.createdAt().isAfter(through)) {
                                inbox.set(i, new Alert(a.id(), a.title(), a.link(), a.createdAt(), true));
                                marked++;
                            }
                        }
                        long unread = inbox.stream().filter(a -> !a.read()).count();
                        return json(res, "{\"marked\":" + marked + ",\"unreadCount\":" + unread + "}");
                    }))
                    .get("/ws", (req, res) -> res.sendWebsocket((in, out) -> {
                        Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
                        toBrowser.set(frames);
                        in.receive().asString().subscribe(frame -> {
                            if (frame.startsWith("CONNECT")) {
                                connectAuthorization.set(header(frame, "Authorization"));
                                frames.tryEmitNext("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
                            } else if (frame.startsWith("SUBSCRIBE")) {
                                subscribedTo.set(header(frame, "destination"));
                                subscription.set(header(frame, "id"));
                            }
                        });
                        return out.sendString(frames.asFlux());
                    })))
            .bindNow();

    /** Due times relative to the test's start, so "overdue" and "due soon" hold whenever it runs. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final String ACTIVITY_OVERDUE = "a0000000-0000-4000-8000-000000000001";
    static final String ACTIVITY_SOON = "a0000000-0000-4000-8000-000000000002";
    static final String TASK_OPEN = "b0000000-0000-4000-8000-000000000001";
    static final String TASK_IN_PROGRESS_OVERDUE = "b0000000-0000-4000-8000-000000000002";

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r
                    .get("/api/v1/opportunities", (req, res) -> json(res, "{\"items\":[],\"nextCursor\":null}"))
                    .get("/api/v1/opportunities/{id}", (req, res) -> {
                        requests.add("GET " + req.uri());
                        return json(res, "{\"id\":\"" + req.param("id") + "\"}");
                    })
                    .get("/api/v1/activities", (req, res) -> {
                        requests.add("GET " + req.uri());
                        if (!ME.equals(param(req.uri(), "ownerId")) || !"false".equals(param(req.uri(), "completed"))) {
                            return json(res, "{\"items\":[],\"nextCursor\":null}");
                        }
                        // two pages, so the page must follow nextCursor
                        return param(req.uri(), "cursor") == null
                                ? json(res, "{\"items\":[" + (completed.contains(ACTIVITY_SOON) ? ""
                                        : activity(ACTIVITY_SOON, "MEETING", "Demo at Orion", NOW.plus(2, ChronoUnit.DAYS)))
                                        + "],\"nextCursor\":\"page2\"}")
                                : json(res, "{\"items\":[" + (completed.contains(ACTIVITY_OVERDUE) ? ""
                                        : activity(ACTIVITY_OVERDUE, "CALL", "Call Acme about the renewal", NOW.minus(1, ChronoUnit.DAYS)))
                                        + "],\"nextCursor\":null}");
                    })
                    .post("/api/v1/activities/{id}/complete", (req, res) -> {
                        requests.add("POST " + req.uri() + " If-Match " + req.requestHeaders().get(HttpHeaders.IF_MATCH));
                        completed.add(req.param("id"));
                        return json(res, "{\"id\":\"" + req.param("id") + "\",\"completedAt\":\"" + NOW + "\",\"version\":2}");
                    })
                    .route(req -> req.method() == HttpMethod.PATCH && req.uri().startsWith("/api/v1/tasks/"),
                            (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                                String id = req.uri().substring("/api/v1/tasks/".length());
                                requests.add("PATCH " + req.uri() + " If-Match " + req.requestHeaders().get(HttpHeaders.IF_MATCH) + " " + body);
                                if (id.equals(TASK_IN_PROGRESS_OVERDUE)) {
                                    // changed by someone else since the page read it
                                    return res.status(409).header(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                                            .sendString(Mono.just("{\"title\":\"Version conflict\",\"status\":409}")).then();
                                }
                                completed.add(id);
                                return json(res, "{\"id\":\"" + id + "\",\"status\":\"DONE\",\"version\":2}");
                            }))
                    .get("/api/v1/tasks", (req, res) -> {
                        requests.add("GET " + req.uri());
                        if (!ME.equals(param(req.uri(), "assigneeId"))) {
                            return json(res, "{\"items\":[],\"nextCursor\":null}");
                        }
                        String status = param(req.uri(), "status");
                        String items = completed.contains(TASK_OPEN) && "OPEN".equals(status) ? "" : switch (String.valueOf(status)) {
                            case "OPEN" -> task(TASK_OPEN, "Send the quote to Orion", "OPEN", NOW.plus(1, ChronoUnit.DAYS));
                            case "IN_PROGRESS" -> task(TASK_IN_PROGRESS_OVERDUE, "Prepare the contract", "IN_PROGRESS",
                                    NOW.minus(3, ChronoUnit.HOURS));
                            default -> "";
                        };
                        return json(res, "{\"items\":[" + items + "],\"nextCursor\":null}");
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

    /** Each test starts from an empty inbox and an empty request log: the stubs outlive a test. */
    @BeforeEach
    void emptyStubs() {
        inbox.clear();
        requests.clear();
        completed.clear();
        markAllFails.set(false);
    }

    @Test
    void markAllReadMarksThroughTheNewestAlertShownAndOneStoredMeanwhileStaysUnread() throws Exception {
        Alert newest = new Alert("d0000000-0000-4000-8000-000000000001", "Big deal won: Lyra — 90,000.00 CNY",
                "/api/v1/opportunities/d-lyra", Instant.parse("2026-11-28T03:00:00Z"), false);
        Alert older = new Alert("d0000000-0000-4000-8000-000000000002", "Stalled: Orion — 31 days in PROPOSAL",
                "/api/v1/opportunities/d-orion", Instant.parse("2026-11-28T02:00:00Z"), false);
        Alert read = new Alert("d0000000-0000-4000-8000-000000000003", "Birthday: Mei Lin",
                "/api/v1/contacts/c-mei", Instant.parse("2026-11-28T01:00:00Z"), true);
        inbox.addAll(List.of(newest, older, read));
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");
            chromium.waitUpTo(Duration.ofSeconds(40), b -> "live".equals(state(chromium)) && "2".equals(unreadCount(chromium))
                    && alertIds(chromium).size() == 3);
            assertThat(chromium.visible("#inbox-mark-all")).isTrue();
            assertThat(chromium.text("#inbox-mark-all")).isEqualTo("Mark all read");

            // the notifier cannot be reached: the problem's detail is shown and nothing changes on the page
            markAllFails.set(true);
            chromium.browser().findElement(By.id("inbox-mark-all")).click();
            chromium.waitUpTo(wait, b -> chromium.visible("#inbox-message"));
            assertThat(chromium.text("#inbox-message"))
                    .isEqualTo("Could not mark all read: The inbox cannot be reached; try again shortly.");
            assertThat(unreadCount(chromium)).isEqualTo("2");
            markAllFails.set(false);

            // an alert stored while the user looks at the list, its push not arrived yet
            Alert meanwhile = new Alert("d0000000-0000-4000-8000-000000000004", "Big deal lost: Vega — 800,000.00 CNY",
                    "/api/v1/opportunities/d-vega", Instant.parse("2026-11-28T03:00:01Z"), false);
            inbox.add(0, meanwhile);
            chromium.browser().findElement(By.id("inbox-mark-all")).click();

            // only what was shown is marked (through the newest shown); the page reads the inbox again and lists it
            chromium.waitUpTo(wait, b -> "1".equals(unreadCount(chromium)) && alertIds(chromium).size() == 4);
            assertThat(requests).contains("POST /notifier/v1/inbox/mark-all-read application/json {\"through\":\"2026-11-28T03:00:00Z\"}");
            assertThat(alertIds(chromium)).containsExactly(meanwhile.id(), newest.id(), older.id(), read.id());
            assertThat(classOf(chromium, meanwhile.id())).contains("unread");
            assertThat(classOf(chromium, newest.id())).doesNotContain("unread");
            assertThat(classOf(chromium, older.id())).doesNotContain("unread");
            assertThat(chromium.visible("#inbox-message")).isFalse();
            chromium.screenshot("workspace-inbox-mark-all.png");

            // in Chinese; once nothing is unread the button goes
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "全部标为已读".equals(chromium.text("#inbox-mark-all")));
            chromium.browser().findElement(By.id("inbox-mark-all")).click();
            chromium.waitUpTo(wait, b -> "0".equals(unreadCount(chromium)));
            assertThat(chromium.visible("#inbox-mark-all")).isFalse();
            assertThat(inbox).allMatch(Alert::read);
        }
    }

    @Test
    void alertsAreListedPushedLiveMarkedReadAndReReadAfterAReconnectBesideTheActivitiesAndTasksDue() throws Exception {
        // the inbox: one unread big deal on top, then 21 read ones, more than the page's first page of 20
        Alert won = new Alert("c0000000-0000-4000-8000-000000000001", "Big deal won: Orion — 1,250,000.50 CNY",
                "/api/v1/opportunities/d-orion", Instant.parse("2026-11-28T01:30:00Z"), false);
        inbox.add(won);
        for (int i = 1; i <= 21; i++) {
            inbox.add(new Alert(String.format("c0000000-0000-4000-8000-%012d", 100 + i), "Stalled deal " + i,
                    "/api/v1/opportunities/d-" + i, Instant.parse("2026-11-27T00:00:00Z").minus(i, ChronoUnit.HOURS), true));
        }
        String token = FakeTokens.valid("rita", "REP");
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, token, "/workspace.html");

            // live on the user's alert queue, with the token on CONNECT; the first page read with the token
            chromium.waitUpTo(Duration.ofSeconds(40), b -> "live".equals(state(chromium))
                    && subscription.get() != null && "1".equals(unreadCount(chromium)) && alertIds(chromium).size() == 20);
            assertThat(subscribedTo.get()).isEqualTo("/user/queue/alerts");
            assertThat(connectAuthorization.get()).isEqualTo("Bearer " + token);
            assertThat(authorization.get()).isEqualTo("Bearer " + token);
            assertThat(requests).anyMatch(r -> r.startsWith("GET /notifier/v1/inbox?") && r.contains("limit=20"))
                    .noneMatch(r -> r.startsWith("GET /notifier/v1/inbox?") && r.contains("unread=true"));
            assertThat(chromium.text("#inbox-unread")).isEqualTo("1 unread");

            // newest first, the unread one marked, its time in the user's zone (Asia/Shanghai), its link the alert's
            assertThat(alertIds(chromium).get(0)).isEqualTo(won.id());
            assertThat(classOf(chromium, won.id())).contains("unread");
            assertThat(plain(chromium.text("li[data-id='" + won.id() + "'] time"))).isEqualTo("Nov 28, 2026, 9:30:00 AM");
            assertThat(chromium.browser().findElement(By.cssSelector("li[data-id='" + won.id() + "'] a.title"))
                    .getAttribute("href")).endsWith("/record.html?type=opportunity&id=d-orion");
            assertThat(classOf(chromium, inbox.get(1).id())).doesNotContain("unread");

            // the next page through the notifier's cursor
            chromium.browser().findElement(By.id("inbox-more")).click();
            chromium.waitUpTo(wait, b -> alertIds(chromium).size() == 22);
            assertThat(requests).anyMatch(r -> r.startsWith("GET /notifier/v1/inbox?") && r.contains("cursor=p20"));
            assertThat(chromium.visible("#inbox-more")).isFalse();

            // activities and tasks due: mine only, open ones, due before now + 7 days, ordered by due time, overdue marked
            chromium.waitUpTo(wait, b -> agenda(chromium).size() == 4);
            assertThat(agenda(chromium)).containsExactly(ACTIVITY_OVERDUE, TASK_IN_PROGRESS_OVERDUE, TASK_OPEN, ACTIVITY_SOON);
            assertThat(overdue(chromium)).containsExactly(ACTIVITY_OVERDUE, TASK_IN_PROGRESS_OVERDUE);
            List<String> activityReads = requests.stream().filter(r -> r.startsWith("GET /api/v1/activities?")).toList();
            assertThat(activityReads).hasSize(2).allMatch(r -> r.contains("ownerId=" + ME) && r.contains("completed=false"));
            assertThat(activityReads.get(1)).contains("cursor=page2");
            Instant dueBefore = Instant.parse(param(activityReads.get(0).substring(4), "dueBefore"));
            assertThat(dueBefore).isBetween(NOW.plus(7, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS), NOW.plus(7, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS));
            assertThat(requests.stream().filter(r -> r.startsWith("GET /api/v1/tasks?")).map(r -> param(r.substring(4), "status")))
                    .containsExactlyInAnyOrder("OPEN", "IN_PROGRESS");
            assertThat(requests).filteredOn(r -> r.startsWith("GET /api/v1/tasks?"))
                    .allMatch(r -> r.contains("assigneeId=" + ME) && r.contains("dueBefore="));
            assertThat(chromium.text("tr[data-id='" + ACTIVITY_OVERDUE + "']")).contains("Overdue", "Call", "Call Acme about the renewal");
            assertThat(chromium.text("tr[data-id='" + TASK_IN_PROGRESS_OVERDUE + "']")).contains("Task, in progress", "Prepare the contract");
            assertThat(chromium.text("tr[data-id='" + TASK_OPEN + "']")).doesNotContain("Overdue");
            assertThat(chromium.browser().findElement(By.cssSelector("tr[data-id='" + TASK_OPEN + "'] a")).getAttribute("href"))
                    .endsWith("/record.html?type=task&id=" + TASK_OPEN);
            assertThat(chromium.browser().findElement(By.cssSelector("tr[data-id='" + ACTIVITY_SOON + "'] a")).getAttribute("href"))
                    .endsWith("/record.html?type=activity&id=" + ACTIVITY_SOON);

            // a new alert pushed on the user's queue (the notifier stores it before pushing): on top, counted, highlighted
            Alert lost = new Alert("c0000000-0000-4000-8000-000000000002", "Big deal lost: Vega — 800,000.00 CNY",
                    "/api/v1/opportunities/d-vega", Instant.parse("2026-11-28T02:00:00Z"), false);
            inbox.add(0, lost);
            push(lost);
            chromium.waitUpTo(wait, b -> "2".equals(unreadCount(chromium)));
            assertThat(alertIds(chromium)).hasSize(23).first().isEqualTo(lost.id());
            assertThat(classOf(chromium, lost.id())).contains("unread", "fresh");
            assertThat(chromium.text("#inbox-unread")).isEqualTo("2 unread");
            chromium.screenshot("workspace-inbox.png");

            // marking it read sends {"read":true} for that alert and lowers the count
            int inboxReads = reads();
            chromium.browser().findElement(By.cssSelector("li[data-id='" + lost.id() + "'] button.mark")).click();
            chromium.waitUpTo(wait, b -> "1".equals(unreadCount(chromium)));
            assertThat(requests).contains("PATCH /notifier/v1/inbox/" + lost.id() + " application/json {\"read\":true}");
            assertThat(classOf(chromium, lost.id())).doesNotContain("unread");
            assertThat(chromium.text("li[data-id='" + lost.id() + "'] button.mark")).isEqualTo("Mark unread");
            assertThat(reads()).as("a mark needs no re-read").isEqualTo(inboxReads);

            // an alert stored while the connection is down is not pushed; after the reconnect the inbox is read again
            Alert stalled = new Alert("c0000000-0000-4000-8000-000000000003", "Stalled: Acme renewal — 40 days in PROPOSAL",
                    "/api/v1/opportunities/d-acme", Instant.parse("2026-11-28T02:10:00Z"), false);
            String before = subscription.get();
            subscription.set(null);
            toBrowser.get().tryEmitComplete();
            inbox.add(0, stalled);
            chromium.waitUpTo(Duration.ofSeconds(40), b -> subscription.get() != null && "live".equals(state(chromium))
                    && "2".equals(unreadCount(chromium)));
            assertThat(before).isNotNull();
            assertThat(reads()).isGreaterThan(inboxReads);
            assertThat(alertIds(chromium).get(0)).isEqualTo(stalled.id());

            // unread only
            chromium.browser().findElement(By.id("inbox-unread-only")).click();
            chromium.waitUpTo(wait, b -> alertIds(chromium).size() == 2);
            assertThat(alertIds(chromium)).containsExactly(stalled.id(), won.id());
            assertThat(requests).anyMatch(r -> r.startsWith("GET /notifier/v1/inbox?") && r.contains("unread=true"));

            // in Chinese: the panels' titles, the count, the buttons, the overdue flag and the kinds
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "我的提醒".equals(chromium.text("#inbox h2")));
            assertThat(chromium.text("#inbox-unread")).isEqualTo("2 条未读");
            assertThat(chromium.text("li[data-id='" + won.id() + "'] button.mark")).isEqualTo("标为已读");
            assertThat(chromium.text("#agenda h2")).isEqualTo("我的待办活动与任务");
            assertThat(chromium.text("tr[data-id='" + ACTIVITY_OVERDUE + "']")).contains("已逾期", "电话");
            assertThat(chromium.text("tr[data-id='" + TASK_IN_PROGRESS_OVERDUE + "']")).contains("任务（进行中）");
            assertThat(chromium.text("#connection")).isEqualTo("实时");
            assertThat(plain(chromium.text("li[data-id='" + won.id() + "'] time"))).contains("2026", "28").contains("9:30:00");
            chromium.screenshot("workspace-inbox-zh-CN.png");

            // opening an unread alert's link marks it read and leaves for the record page, which reads the record
            chromium.browser().findElement(By.cssSelector("li[data-id='" + won.id() + "'] a.title")).click();
            chromium.waitUpTo(wait, b -> requests.contains("PATCH /notifier/v1/inbox/" + won.id() + " application/json {\"read\":true}"));
            chromium.waitUpTo(wait, b -> chromium.currentPath().equals("/record.html"));
            chromium.waitUpTo(wait, b -> requests.stream().anyMatch(r -> r.startsWith("GET /api/v1/opportunities/d-orion")));
        }
    }

    @Test
    void doneCompletesAnActivityOrATaskWithTheVersionReadAndAChangeMadeMeanwhileIsReadAgain() throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium()) {
            Duration wait = Duration.ofSeconds(20);
            chromium.openSignedIn("http://localhost:" + port, FakeTokens.valid("rita", "REP"), "/workspace.html");
            chromium.waitUpTo(Duration.ofSeconds(40), b -> agenda(chromium).size() == 4);

            // an activity: POST …/complete with the version read; it leaves the list without a re-read
            int reads = agendaReads();
            done(chromium, ACTIVITY_OVERDUE);
            chromium.waitUpTo(wait, b -> agenda(chromium).size() == 3);
            assertThat(requests).contains("POST /api/v1/activities/" + ACTIVITY_OVERDUE + "/complete If-Match \"1\"");
            assertThat(agenda(chromium)).containsExactly(TASK_IN_PROGRESS_OVERDUE, TASK_OPEN, ACTIVITY_SOON);
            assertThat(agendaReads()).isEqualTo(reads);

            // a task: PATCH {"status":"DONE"} with the version read
            done(chromium, TASK_OPEN);
            chromium.waitUpTo(wait, b -> agenda(chromium).size() == 2);
            assertThat(requests).contains("PATCH /api/v1/tasks/" + TASK_OPEN + " If-Match \"1\" {\"status\":\"DONE\"}");

            // a task changed elsewhere since it was read: 409, said, and the list read again
            done(chromium, TASK_IN_PROGRESS_OVERDUE);
            chromium.waitUpTo(wait, b -> chromium.visible("#agenda-message") && agendaReads() > reads);
            assertThat(chromium.text("#agenda-message"))
                    .isEqualTo("“Prepare the contract” was changed elsewhere meanwhile; the list has been read again.");
            assertThat(agenda(chromium)).containsExactly(TASK_IN_PROGRESS_OVERDUE, ACTIVITY_SOON);
            chromium.screenshot("workspace-agenda-done.png");

            // in Chinese
            new Select(chromium.browser().findElement(By.id("language"))).selectByValue("zh-CN");
            chromium.waitUpTo(wait, b -> "完成".equals(chromium.text("tr[data-id='" + ACTIVITY_SOON + "'] button.done")));
        }
    }

    private static void done(HeadlessChromium chromium, String id) {
        chromium.browser().findElement(By.cssSelector("tr[data-id='" + id + "'] button.done")).click();
    }

    private static int agendaReads() {
        return (int) requests.stream().filter(r -> r.startsWith("GET /api/v1/tasks?")).count();
    }

    private static void push(Alert alert) {
        toBrowser.get().tryEmitNext("MESSAGE\ndestination:/user/queue/alerts\nsubscription:" + subscription.get()
                + "\nmessage-id:m" + System.nanoTime() + "\ncontent-type:application/json\n\n" + alert.json() + "\0");
    }

    private static int reads() {
        return (int) requests.stream().filter(r -> r.startsWith("GET /notifier/v1/inbox?")).count();
    }

    private static String activity(String id, String type, String subject, Instant due) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"subject\":\"" + subject + "\",\"notes\":null,"
                + "\"accountId\":null,\"contactId\":null,\"opportunityId\":\"d-orion\",\"dueAt\":\"" + due + "\","
                + "\"completedAt\":null,\"ownerId\":\"" + ME + "\",\"createdAt\":\"2026-11-01T00:00:00Z\","
                + "\"updatedAt\":\"2026-11-01T00:00:00Z\",\"deleted\":false,\"version\":1}";
    }

    private static String task(String id, String title, String status, Instant due) {
        return "{\"id\":\"" + id + "\",\"title\":\"" + title + "\",\"assigneeId\":\"" + ME + "\",\"due\":\"" + due + "\","
                + "\"status\":\"" + status + "\",\"accountId\":null,\"opportunityId\":null,"
                + "\"createdAt\":\"2026-11-01T00:00:00Z\",\"updatedAt\":\"2026-11-01T00:00:00Z\",\"deleted\":false,\"version\":1}";
    }

    private static String state(HeadlessChromium chromium) {
        return chromium.browser().findElement(By.id("connection")).getAttribute("data-state");
    }

    private static String unreadCount(HeadlessChromium chromium) {
        return chromium.browser().findElement(By.id("inbox-unread")).getAttribute("data-value");
    }

    private static String classOf(HeadlessChromium chromium, String alertId) {
        return chromium.browser().findElement(By.cssSelector("li[data-id='" + alertId + "']")).getAttribute("class");
    }

    @SuppressWarnings("unchecked")
    private static List<String> alertIds(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#inbox-items li[data-id]')).map(li => li.dataset.id)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> agenda(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#agenda-items tr[data-id]')).map(tr => tr.dataset.id)");
    }

    @SuppressWarnings("unchecked")
    private static List<String> overdue(HeadlessChromium chromium) {
        return (List<String>) chromium.script("return Array.from(document.querySelectorAll('#agenda-items tr.overdue')).map(tr => tr.dataset.id)");
    }

    /** Intl puts narrow no-break spaces before AM/PM; compared as plain spaces. */
    private static String plain(String text) {
        return text == null ? null : text.replace('\u202f', ' ').replace('\u00a0', ' ');
    }

    /** One query parameter of a request URI, decoded; null when absent. */
    static String param(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return null;
        }
        for (String pair : uri.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String header(String frame, String name) {
        return frame.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElse(null);
    }

    private static Mono<Void> json(HttpServerResponse res, String body) {
        return res.header(HttpHeaders.CONTENT_TYPE, "application/json").sendString(Mono.just(body)).then();
    }
}
