package com.pulse.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulse.events.EventJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The opportunity endpoints over plain HTTP with a signed-in user's bearer token, as any client of Pulse calls them. */
final class PulseApi {

    record Opportunity(String id, String stage, BigDecimal amountBase, int probability, long version) {
    }

    private static final ObjectMapper JSON = EventJson.mapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final String token;

    private PulseApi(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Signs in with {@code POST /api/v1/auth/token} at {@code base} (the api itself or the gateway). */
    static PulseApi signIn(URI base, String username, String password) {
        PulseApi anonymous = new PulseApi(base, null);
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/auth/token")).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(
                            Map.of("username", username, "password", password)))).build();
            return new PulseApi(base, anonymous.exchange(request, 200).path("access_token").asText());
        } catch (IOException e) {
            throw new IllegalStateException("sign-in at " + base + " failed", e);
        }
    }

    /** Creates a user (as an administrator) who can sign in with {@code password}; answers the user's id. */
    String createUser(String username, List<String> roles, String password) {
        return createUser(username, roles, password, null);
    }

    /** As {@link #createUser(String, List, String)}, as a member of {@code teamId} (none when null). */
    String createUser(String username, List<String> roles, String password, String teamId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (teamId != null) {
            body.put("teamId", teamId);
        }
        body.put("username", username);
        body.put("name", "E2E " + username);
        body.put("email", username + "@e2e.example.com");
        body.put("roles", roles);
        body.put("timeZone", "Asia/Shanghai");
        body.put("locale", "en");
        body.put("password", password);
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve("/api/v1/users"))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return exchange(request, 201).path("id").asText();
        } catch (IOException e) {
            throw new IllegalStateException("POST /api/v1/users failed", e);
        }
    }

    /** Creates a top-level team without a manager (as an administrator); answers its id. */
    String createTeam(String name) {
        return postJson("/api/v1/teams", Map.of("name", name), 201).path("id").asText();
    }

    /** Makes {@code managerId} the team's manager (no version: the change does not depend on what was read). */
    void setTeamManager(String teamId, String managerId) {
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve("/api/v1/teams/" + teamId))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("managerId", managerId)))).build();
            exchange(request, 200);
        } catch (IOException e) {
            throw new IllegalStateException("PATCH /api/v1/teams/" + teamId + " failed", e);
        }
    }

    Opportunity create(String name, BigDecimal amount, String stage) {
        return create(name, amount, stage, null);
    }

    /** A deal owned by {@code ownerId} (the caller when null). */
    Opportunity create(String name, BigDecimal amount, String stage, String ownerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (ownerId != null) {
            body.put("ownerId", ownerId);
        }
        body.put("name", name);
        body.put("amount", amount);
        body.put("currency", "CNY");
        if (stage != null) {
            body.put("stage", stage);
        }
        return send("POST", "/api/v1/opportunities", body, 201);
    }

    Opportunity moveTo(String id, String stage) {
        return send("PATCH", "/api/v1/opportunities/" + id, Map.of("stage", stage), 200);
    }

    JsonNode getJson(String path) {
        return getJson(path, 200);
    }

    /** GETs JSON (a problem+json too) and answers it when the status is the expected one. */
    JsonNode getJson(String path, int expectedStatus) {
        HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json").GET().build();
        return exchange(request, expectedStatus);
    }

    /** POSTs a JSON body (any service behind the gateway) and answers the JSON of the expected status. */
    JsonNode postJson(String path, Object body, int expectedStatus) {
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return exchange(request, expectedStatus);
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed", e);
        }
    }

    private Opportunity send(String method, String path, Object body, int expectedStatus) {
        try {
            HttpRequest request = authorized(HttpRequest.newBuilder(base.resolve(path))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            JsonNode o = exchange(request, expectedStatus);
            return new Opportunity(o.path("id").asText(), o.path("stage").asText(),
                    o.path("amountBase").decimalValue(), o.path("probability").asInt(), o.path("version").asLong());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token);
    }

    private JsonNode exchange(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + " (expected " + expectedStatus + "): " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
