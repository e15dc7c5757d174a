package com.pulse.olap.forecast;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/** With nothing listening where ClickHouse should be, the forecast is 503 like the funnel, not 500. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class ForecastClickHouseDownTests {

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        r.add("pulse.clickhouse.url", () -> "http://127.0.0.1:" + closed);
    }

    @Autowired
    RestTestClient http;

    @Test
    void anUnreachableClickHouseIsServiceUnavailable() {
        http.get().uri("/olap/v1/forecast").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.title").isEqualTo("Analytics store unavailable");
    }
}
