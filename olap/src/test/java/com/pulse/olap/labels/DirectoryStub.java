package com.pulse.olap.labels;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the api's {@code POST /api/v1/directory} on a loopback port: answers the names it was given for the
 * ids asked, or the status it is told to, and records each request (its ids and {@code Authorization} header) so a
 * test can count the calls. The api's own endpoint is tested in the api module (DirectoryIntegrationTests).
 */
public final class DirectoryStub implements AutoCloseable {

    /** One request as received. */
    public record Request(List<String> ids, String authorization) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, String> users;
    private final Map<String, String> teams;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    public DirectoryStub(Map<String, String> users, Map<String, String> teams) {
        this.users = Map.copyOf(users);
        this.teams = Map.copyOf(teams);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/v1/directory", exchange -> {
            byte[] body;
            try (exchange) {
                @SuppressWarnings("unchecked")
                List<String> ids = (List<String>) JSON.readValue(exchange.getRequestBody(), Map.class).get("ids");
                requests.add(new Request(ids, exchange.getRequestHeaders().getFirst("Authorization")));
                int answer = status;
                if (answer < 0) {
                    // hang up without an answer, as a dying api would
                    throw new IOException("hanging up");
                }
                if (!exchange.getRequestMethod().equals("POST")) {
                    answer = 405;
                }
                body = answer == 200
                        ? JSON.writeValueAsBytes(Map.of("users", pick(users, ids), "teams", pick(teams, ids)))
                        : "{\"status\": %d}".formatted(answer).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", answer == 200 ? "application/json" : "application/problem+json");
                exchange.sendResponseHeaders(answer, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    private static Map<String, String> pick(Map<String, String> names, List<String> ids) {
        return names.entrySet().stream().filter(e -> ids.contains(e.getKey()))
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request is answered with this status (200: the names; negative: no answer, hang up). */
    public void answer(int status) {
        this.status = status;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clear() {
        requests.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
