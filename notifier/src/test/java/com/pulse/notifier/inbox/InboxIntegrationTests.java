package com.pulse.notifier.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inbox over HTTP on devstack Postgres: each user reads and marks only their own alerts, newest first,
 * paged by cursor; someone else's alert is 404; bad input is 400 problem+json naming the field.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InboxIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(InboxIntegrationTests.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aUserListsOnlyTheirOwnAlertsNewestFirstWithTheUnreadCount() throws Exception {
        // given three alerts for one user and one for another
        String user = user();
        List<Alert> mine = deliver(user, 3);
        deliver(user(), 1);

        // when
        Response page = get(user, "");

        // then
        assertThat(page.status()).isEqualTo(200);
        assertThat(titles(page.json())).containsExactly(mine.get(2).title(), mine.get(1).title(), mine.get(0).title());
        assertThat(page.json().get("unreadCount").asLong()).isEqualTo(3);
        assertThat(page.json().get("nextCursor").isNull()).isTrue();
        JsonNode first = page.json().get("items").get(0);
        assertThat(first.get("id").asString()).isEqualTo(mine.get(2).id().toString());
        assertThat(first.get("link").asString()).isEqualTo("/api/v1/opportunities/" + mine.get(2).title());
        assertThat(first.get("read").asBoolean()).isFalse();
        assertThat(first.get("readAt").isNull()).isTrue();
        assertThat(Instant.parse(first.get("createdAt").asString())).isEqualTo(mine.get(2).createdAt());
        assertThat(first.has("userId")).isFalse();
    }

    @Test
    void pagesFollowTheCursorUntilTheLastOneAndUnreadOnlyLeavesReadAlertsOut() throws Exception {
        String user = user();
        List<Alert> mine = deliver(user, 5);
        assertThat(patch(user, mine.get(3).id().toString(), "{\"read\":true}").status()).isEqualTo(200);

        // newest first, two at a time
        List<String> seen = new ArrayList<>();
        String query = "?limit=2";
        int pages = 0;
        while (query != null) {
            JsonNode page = get(user, query).json();
            seen.addAll(titles(page));
            pages++;
            query = page.get("nextCursor").isNull() ? null : "?limit=2&cursor=" + page.get("nextCursor").asString();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(t(mine, 4), t(mine, 3), t(mine, 2), t(mine, 1), t(mine, 0));

        JsonNode unread = get(user, "?unread=true").json();
        assertThat(titles(unread)).containsExactly(t(mine, 4), t(mine, 2), t(mine, 1), t(mine, 0));
        assertThat(unread.get("unreadCount").asLong()).isEqualTo(4);
    }

    @Test
    void patchMarksAnAlertReadAndUnreadAgain() throws Exception {
        String user = user();
        Alert alert = deliver(user, 1).get(0);

        Response read = patch(user, alert.id().toString(), "{\"read\":true}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("read").asBoolean()).isTrue();
        String readAt = read.json().get("readAt").asString();
        assertThat(readAt).isNotBlank();
        // marking it read again keeps the first read time
        assertThat(patch(user, alert.id().toString(), "{\"read\":true}").json().get("readAt").asString()).isEqualTo(readAt);
        assertThat(get(user, "").json().get("unreadCount").asLong()).isZero();

        Response unread = patch(user, alert.id().toString(), "{\"read\":false}");
        assertThat(unread.json().get("read").asBoolean()).isFalse();
        assertThat(unread.json().get("readAt").isNull()).isTrue();
        assertThat(get(user, "").json().get("unreadCount").asLong()).isEqualTo(1);
    }

    @Test
    void markAllReadMarksWhatThePageShowedAndLeavesALaterAlertUnread() throws Exception {
        // given four alerts, the first already read, and another user's alert
        String user = user();
        List<Alert> mine = deliver(user, 4);
        String firstReadAt = patch(user, mine.get(0).id().toString(), "{\"read\":true}").json().get("readAt").asString();
        Alert others = deliver(user(), 1).get(0);

        // when the page, which showed the first three, marks all read through the newest it showed
        Response marked = post(user, "{\"through\":\"" + mine.get(2).createdAt() + "\"}");

        // then the two unread ones it showed are read, the fourth (arrived meanwhile) is not, the first keeps its time
        assertThat(marked.status()).isEqualTo(200);
        assertThat(marked.json().get("marked").asInt()).isEqualTo(2);
        assertThat(marked.json().get("unreadCount").asLong()).isEqualTo(1);
        JsonNode items = get(user, "").json().get("items");
        assertThat(items.get(0).get("title").asString()).isEqualTo(t(mine, 3));
        assertThat(items.get(0).get("read").asBoolean()).isFalse();
        assertThat(items.get(1).get("read").asBoolean()).isTrue();
        assertThat(items.get(2).get("read").asBoolean()).isTrue();
        assertThat(items.get(3).get("readAt").asString()).isEqualTo(firstReadAt);
        assertThat(jdbc.sql("SELECT read_at IS NULL FROM alerts WHERE id = ?").param(others.id())
                .query(Boolean.class).single()).as("another user's alert").isTrue();

        // and without a body everything up to now is marked; once more marks nothing
        Response rest = post(user, "");
        assertThat(rest.json().get("marked").asInt()).isEqualTo(1);
        assertThat(rest.json().get("unreadCount").asLong()).isZero();
        assertThat(post(user, "{}").json().get("marked").asInt()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"through\":\"yesterday\"}",
            "{\"through\":\"2026-11-29\"}",
            "{\"through\":5}",
            "[\"2026-11-29T09:00:00Z\"]",
            "{\"through\":",
    })
    void markAllReadRefusesABadThroughAndMarksNothing(String body) throws Exception {
        String user = user();
        Alert alert = deliver(user, 1).get(0);

        Response response = post(user, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("through");
        assertThat(response.json().get("errors").get(0).get("reason").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT read_at IS NULL FROM alerts WHERE id = ?").param(alert.id())
                .query(Boolean.class).single()).as("nothing written").isTrue();
    }

    @Test
    void someoneElsesAlertIsNotFoundAndStaysUnread() throws Exception {
        String owner = user();
        Alert theirs = deliver(owner, 1).get(0);

        Response response = patch(user(), theirs.id().toString(), "{\"read\":true}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT read_at IS NULL FROM alerts WHERE id = ?").param(theirs.id())
                .query(Boolean.class).single()).isTrue();
        assertThat(patch(user(), UUID.randomUUID().toString(), "{\"read\":true}").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET  | ?limit=0                  |                  | limit",
            "GET  | ?limit=201                |                  | limit",
            "GET  | ?limit=ten                |                  | limit",
            "GET  | ?unread=yes               |                  | unread",
            "GET  | ?cursor=not-a-cursor      |                  | cursor",
            "GET  | ?cursor=bm90fGF8Y3Vyc29y  |                  | cursor",
            "PATCH| not-a-uuid                | {\"read\":true}  | id",
            "PATCH| ID                        | {}               | read",
            "PATCH| ID                        | {\"read\":\"yes\"} | read",
            "PATCH| ID                        | {\"read\":null}  | read",
            "PATCH| ID                        | [true]           | read",
            "PATCH| ID                        | {\"read\":       | read",
    })
    void badInputIsAProblemNamingTheField(String method, String target, String body, String field) throws Exception {
        String user = user();
        Alert alert = deliver(user, 1).get(0);

        Response response = method.equals("GET") ? get(user, target)
                : patch(user, target.replace("ID", alert.id().toString()), body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("status").asInt()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("reason").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT read_at IS NULL FROM alerts WHERE id = ?").param(alert.id())
                .query(Boolean.class).single()).as("nothing written").isTrue();
    }

    @Test
    void withoutAValidTokenTheInboxAnswers401() throws Exception {
        HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(uri("/notifier/v1/inbox")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(uri("/notifier/v1/inbox"))
                .header("Authorization", "Bearer " + TestTokens.forged(user())).build(), HttpResponse.BodyHandlers.ofString());

        for (HttpResponse<String> response : List.of(none, forged)) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aSecondDeliveryWithTheSameDedupeKeyStoresNothing() {
        String user = user();
        String key = "test:" + UUID.randomUUID();

        assertThat(alerts.deliver(user, new NewAlert("TEST", "once", "", null), key)).isPresent();
        assertThat(alerts.deliver(user, new NewAlert("TEST", "twice", "", null), key)).isEmpty();

        assertThat(jdbc.sql("SELECT title FROM alerts WHERE dedupe_key = ?").param(key).query(String.class).list())
                .containsExactly("once");
    }

    record Response(int status, String contentType, JsonNode json) {
    }

    private Response get(String user, String query) throws Exception {
        return send(user, HttpRequest.newBuilder(uri("/notifier/v1/inbox" + query)).GET());
    }

    private Response patch(String user, String id, String body) throws Exception {
        return send(user, HttpRequest.newBuilder(uri("/notifier/v1/inbox/" + id))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response post(String user, String body) throws Exception {
        return send(user, HttpRequest.newBuilder(uri("/notifier/v1/inbox/mark-all-read"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(String user, HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + TestTokens.token(user)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                JSON.readTree(response.body()));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    // Titles double as link ids, so each alert is recognisable in the answers.
    private List<Alert> deliver(String user, int count) {
        List<Alert> delivered = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String title = "alert-" + UUID.randomUUID();
            delivered.add(alerts.deliver(user, new NewAlert("TEST", title, "body", "/api/v1/opportunities/" + title),
                    "test:" + title).orElseThrow());
        }
        return delivered;
    }

    private static List<String> titles(JsonNode page) {
        List<String> titles = new ArrayList<>();
        page.get("items").forEach(item -> titles.add(item.get("title").asString()));
        return titles;
    }

    private static String t(List<Alert> alerts, int i) {
        return alerts.get(i).title();
    }

    private static String user() {
        return "user-" + UUID.randomUUID();
    }
}
