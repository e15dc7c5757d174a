package com.pulse.dashboards.cockpit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The cockpit and everything it loads come from this jar: the page needs no internet. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CockpitPageTests {

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void theCockpitIsServedAtTheRoot() {
        http.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> org.assertj.core.api.Assertions.assertThat(html)
                        .contains("id=\"funnel-chart\"", "id=\"connection\"", "/webjars/echarts/5.3.1/dist/echarts.min.js"));
    }

    @Test
    void echartsAndTheCockpitScriptsAreServedLocally() {
        for (String path : new String[] {"/webjars/echarts/5.3.1/dist/echarts.min.js", "/cockpit/cockpit.js",
                "/cockpit/stomp.js", "/cockpit/cockpit.css"}) {
            http.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void healthIsUp() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
