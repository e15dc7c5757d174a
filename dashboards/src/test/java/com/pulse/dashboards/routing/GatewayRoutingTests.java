package com.pulse.dashboards.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.RawHttpConnection;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** The gateway in front of three stub backends: plain HTTP for api and olap, a WebSocket for the notifier. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTests {

    /** Handshake headers the notifier stub saw, by header name. */
    static final Map<String, String> handshake = new ConcurrentHashMap<>();

    static final DisposableServer api = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.post("/api/v1/opportunities", (req, res) -> res.status(201)
                    .header(HttpHeaders.LOCATION, "http://127.0.0.1:" + req.hostPort() + "/api/v1/opportunities/42")
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                    .send(req.receive().retain())))
            .bindNow();

    static final DisposableServer olap = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/olap/v1/funnel", (req, res) -> res
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                    .sendString(Mono.just("{\"from\":\"olap\"}"))))
            .bindNow();

    static final DisposableServer notifier = HttpServer.create().host("127.0.0.1").port(0)
            .route(r -> r.get("/ws", (req, res) -> {
                req.requestHeaders().forEach(h -> handshake.put(h.getKey().toLowerCase(), h.getValue()));
                return res.sendWebsocket((in, out) -> out.sendString(in.receive().asString().map(s -> "echo:" + s)));
            }))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("pulse.dashboards.api-url", () -> "http://127.0.0.1:" + api.port());
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + olap.port());
        registry.add("pulse.dashboards.notifier-url", () -> "http://127.0.0.1:" + notifier.port());
    }

    // The stub backends are not disposed after the class: surefire reruns a failed test in the same JVM
    // with the cached context, which still points at these ports; the JVM's exit ends them.

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
        handshake.clear();
    }

    @Test
    void apiRequestsReachTheApiWithTheirBodyAndLocationPointsBackAtTheGateway() {
        http.post().uri("/api/v1/opportunities").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\":\"Acme\"}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "http://localhost:" + port + "/api/v1/opportunities/42")
                .expectBody(String.class).isEqualTo("{\"name\":\"Acme\"}");
    }

    @Test
    void olapRequestsReachTheOlapService() {
        http.get().uri("/olap/v1/funnel").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("{\"from\":\"olap\"}");
    }

    @Test
    void webSocketUpgradeIsProxiedToTheNotifier() {
        List<String> received = new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws"), session -> session
                        .send(Flux.just("hello", "again").map(session::textMessage))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(2))
                        .collectList()
                        .doOnNext(messages -> handshake.put("received", String.join(",", messages)))
                        .then())
                .then(Mono.fromSupplier(() -> List.of(handshake.get("received").split(","))))
                .block(Duration.ofSeconds(10));

        assertThat(received).containsExactly("echo:hello", "echo:again");
    }

    @Test
    void sameOriginPagesMayOpenTheWebSocketAndTheOriginIsNotPassedOn() {
        HttpHeaders headers = new HttpHeaders();
        headers.setOrigin("http://localhost:" + port);
        // Waits for the proxied handshake itself rather than for an echoed frame: what is checked here
        // are the upstream's handshake headers (frame round trips are the test above).
        new ReactorNettyWebSocketClient()
                .execute(URI.create("ws://localhost:" + port + "/ws"), headers, session -> Flux
                        .interval(Duration.ofMillis(20))
                        .filter(tick -> handshake.containsKey("upgrade"))
                        .next()
                        .then(session.close()))
                .block(Duration.ofSeconds(10));

        // the proxy's own client presents the upstream's origin instead of the browser's
        assertThat(handshake).containsKey("upgrade");
        assertThat(handshake.get("origin")).isNotEqualTo("http://localhost:" + port);
    }

    @Test
    void crossOriginWebSocketHandshakesAreRefused() {
        http.get().uri("/ws")
                .header(HttpHeaders.ORIGIN, "http://evil.example")
                .header(HttpHeaders.CONNECTION, "Upgrade")
                .header(HttpHeaders.UPGRADE, "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .exchange()
                .expectStatus().isForbidden();

        assertThat(handshake).isEmpty();
    }

    /**
     * A request queued behind a proxied one and answered at once (404 here) must not leave the
     * keep-alive connection deaf to the next request (see DeferredDispatch).
     */
    @Test
    void aQueuedRequestAnsweredAtOnceDoesNotStallTheNextRequestOnTheConnection() throws IOException {
        try (RawHttpConnection connection = RawHttpConnection.open(port, Duration.ofSeconds(10))) {
            for (int round = 0; round < 20; round++) {
                connection.send(RawHttpConnection.get("/olap/v1/funnel", null) + RawHttpConnection.get("/no-such-page", null));
                assertThat(connection.read().status()).as("round %d, proxied", round).isEqualTo(200);
                assertThat(connection.read().status()).as("round %d, not found", round).isEqualTo(404);

                connection.send(RawHttpConnection.get("/olap/v1/funnel", null));
                assertThat(connection.read().status()).as("round %d, the request after them", round).isEqualTo(200);
            }
        }
    }
}
