package com.pulse.dashboards.cockpit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The pages and everything they load come from this jar: they need no internet. */
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
    void theSignInPageIsServedAtTheRootAndTheCockpitBesideIt() {
        http.get().uri("/").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("id=\"signin\"", "id=\"username\"", "id=\"password\"", "/app/signin.js"));
        http.get().uri("/cockpit.html").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("id=\"funnel-chart\"", "id=\"kpi-tiles\"", "id=\"forecast-chart\"",
                                "id=\"connection\"", "/webjars/echarts/5.3.1/dist/echarts.min.js"));
    }

    @Test
    void echartsThePageScriptsAndTheDictionariesAreServedLocally() {
        for (String path : new String[] {"/webjars/echarts/5.3.1/dist/echarts.min.js", "/cockpit/cockpit.js",
                "/cockpit/funnel.js", "/cockpit/kpis.js", "/cockpit/forecast.js",
                "/cockpit/pyramid.js", "/cockpit/leaderboard.js", "/cockpit/scope.js", "/cockpit/follow-up.js", "/cockpit/live.js",
                "/cockpit/cockpit.css", "/app/session.js", "/app/stomp.js", "/app/i18n.js", "/app/chrome.js", "/app/signin.js",
                "/app/stub.js", "/app/pulse.css", "/workspace.html", "/workspace/workspace.js",
                "/workspace/pipeline.js", "/workspace/inbox.js", "/workspace/agenda.js", "/workspace/workspace.css", "/pivot.html",
                "/pivot/pivot.js", "/pivot/pivot.css"}) {
            http.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    @Test
    void bothDictionariesTranslateEveryKeyTheOtherHas() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        for (String lang : new String[] {"en", "zh-CN"}) {
            byte[] body = http.get().uri("/i18n/" + lang + ".json").exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody();
            Set<String> names = new TreeSet<>();
            json.readTree(body).fieldNames().forEachRemaining(names::add);
            keys.put(lang, names);
        }
        assertThat(keys.get("zh-CN")).isEqualTo(keys.get("en")).hasSizeGreaterThan(50);
    }

    @Test
    void healthIsUp() {
        http.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
    }
}
