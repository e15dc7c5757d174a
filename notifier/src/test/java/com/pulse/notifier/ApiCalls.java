package com.pulse.notifier;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON calls to a notifier under test, with a bearer token. */
public final class ApiCalls {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private final int port;

    public ApiCalls(int port) {
        this.port = port;
    }

    public record Response(int status, String contentType, JsonNode json, Optional<String> etag) {

        /** The field named by the first problem of a 4xx. */
        public String problemField() {
            return json.get("errors").get(0).get("field").asString();
        }
    }

    public Response get(String token, String path) {
        return send(token, "GET", path, null, null);
    }

    public Response post(String token, String path, String body) {
        return send(token, "POST", path, body, null);
    }

    public Response put(String token, String path, String body, String ifMatch) {
        return send(token, "PUT", path, body, ifMatch);
    }

    public Response delete(String token, String path, String ifMatch) {
        return send(token, "DELETE", path, null, ifMatch);
    }

    public Response send(String token, String method, String path, String body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json,
                    response.headers().firstValue("ETag"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
