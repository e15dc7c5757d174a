package com.pulse.dashboards.routing;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A backend that is not listening answers 503 with a problem naming it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BackendUnavailableTests {

    @DynamicPropertySource
    static void nobodyListening(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("pulse.dashboards.olap-url", () -> "http://127.0.0.1:" + closed);
    }

    @LocalServerPort
    int port;

    @Test
    void aServiceThatIsDownIsServiceUnavailable() {
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .get().uri("/olap/v1/funnel").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("the olap service is not reachable");
    }
}
