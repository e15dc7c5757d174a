package com.pulse.api.crud;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What the integration tests of every versioned entity do over HTTP and SQL. */
public final class EntityClient {

    record Entry(long version, String field, String oldValue, String newValue, String actor, String changedAt) {
    }

    record History(List<Entry> items) {
    }

    private final WebTestClient http;
    private final DatabaseClient db;
    private final String url;

    public EntityClient(WebTestClient http, DatabaseClient db, String url) {
        // The build machine may be busy with other builds: allow for slow responses.
        this.http = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        this.db = db;
        this.url = url;
    }

    public WebTestClient http() {
        return http;
    }

    public <T> T create(String json, Class<T> type) {
        return post(json).expectStatus().isCreated().expectBody(type).returnResult().getResponseBody();
    }

    public WebTestClient.ResponseSpec post(String json) {
        return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    public WebTestClient.ResponseSpec patch(UUID id, String json) {
        return http.patch().uri(url + "/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    public long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    public UUID aUser(String name) {
        UUID user = UUID.randomUUID();
        db.sql("INSERT INTO users (id, name, email) VALUES (:id, :name, :email)")
                .bind("id", user).bind("name", name).bind("email", user + "@pulse.example").then().block();
        return user;
    }

    /** The history of one version as "field:old>new" (absent values empty), in the order the API lists them. */
    public List<String> history(UUID id, long version) {
        return http.get().uri(url + "/" + id + "/history").exchange().expectStatus().isOk()
                .expectBody(History.class).returnResult().getResponseBody().items().stream()
                .filter(h -> h.version() == version)
                .map(h -> h.field() + ":" + (h.oldValue() == null ? "" : h.oldValue()) + ">" + (h.newValue() == null ? "" : h.newValue()))
                .toList();
    }

    /** Sends every request: none may be answered with a 5xx or accepted, and {@code fingerprint} (SQL) must not move. */
    public void assertAllRefused(List<HostileRequests.Request> requests, String fingerprint) {
        long before = count(fingerprint);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (HostileRequests.Request r : requests) {
            WebTestClient.RequestBodySpec spec = http.method(r.method()).uri(r.path());
            WebTestClient.ResponseSpec response = r.body() == null ? spec.exchange()
                    : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(r.body()).exchange();
            int status = response.expectBody().returnResult().getStatus().value();
            statuses.merge(status, 1, Integer::sum);
            if (status >= 500 || status < 400) {
                failures.add(status + " " + r.method() + " " + abbreviate(r.path()) + " " + abbreviate(r.body()));
            }
        }
        System.out.printf("Hostile input (%s): %d requests, statuses %s%n", url, requests.size(), statuses);
        assertThat(failures).as("requests answered with a 5xx or accepted").isEmpty();
        assertThat(count(fingerprint)).as("rows, history and outbox").isEqualTo(before);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
