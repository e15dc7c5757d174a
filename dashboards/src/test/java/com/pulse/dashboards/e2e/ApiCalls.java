package com.pulse.dashboards.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulse.events.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Any endpoint of the api as JSON over HTTP/1.1 with a bearer token, safe to call from many threads (one
 * connection pool). Every call must answer the expected status; anything else fails the calling test with the
 * problem the api answered. Counts the writes it made.
 */
final class ApiCalls {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    final AtomicLong writes = new AtomicLong();

    private ApiCalls(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Signs in with {@code POST /api/v1/auth/token}. */
    static ApiCalls signIn(URI base, String username, String password) {
        JsonNode token = new ApiCalls(base, null).call("POST", "/api/v1/auth/token",
                Map.of("username", username, "password", password), 200);
        return new ApiCalls(base, token.path("access_token").asText());
    }

    JsonNode post(String path, Object body) {
        return call("POST", path, body, 201);
    }

    /** A POST that acts on an existing record (stage, restore, convert): 200, not 201. */
    JsonNode act(String path, Object body) {
        return call("POST", path, body, 200);
    }

    JsonNode patch(String path, Object body) {
        return call("PATCH", path, body, 200);
    }

    /** Into the recycle bin: 204 for an opportunity, 200 with the binned record for the other entities. */
    void delete(String path) {
        call("DELETE", path, null, path.startsWith("/api/v1/opportunities/") ? 204 : 200);
    }

    private JsonNode call(String method, String path, Object body, int expected) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json").header("Accept", "application/json").method(method, publisher);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " " + (body == null ? "" : JSON.writeValueAsString(body))
                        + " answered " + response.statusCode() + " (expected " + expected + "): " + response.body());
            }
            writes.incrementAndGet();
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
