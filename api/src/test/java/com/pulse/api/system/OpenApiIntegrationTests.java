package com.pulse.api.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document lists every /api/v1 route the application serves and declares the bearer scheme;
 * it and Swagger UI are served under /api/v1 (so through the gateway) without a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OpenApiIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OpenApiIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient http;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ObjectMapper json;

    @Test
    void theDocumentListsEveryApiRoute() {
        byte[] body = http.mutate().responseTimeout(Duration.ofSeconds(30))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)).build()
                .get().uri("/api/v1/openapi").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode doc = json.readTree(body);
        assertThat(doc.path("openapi").asString()).startsWith("3.");
        assertThat(doc.path("info").path("title").asString()).isEqualTo("Pulse CRM API");
        assertThat(doc.path("info").path("version").asString()).isNotBlank();
        assertThat(doc.path("components").path("schemas").has("Problem")).isTrue();

        Set<String> documented = new TreeSet<>();
        doc.path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns().forEach(p -> {
            if (p.getPatternString().startsWith("/api/v1/") && !p.getPatternString().startsWith("/api/v1/openapi")
                    && !p.getPatternString().startsWith("/api/v1/docs")) {
                info.getMethodsCondition().getMethods().forEach(m -> served.add(m.name() + " " + p.getPatternString()));
            }
        }));
        assertThat(served).contains("POST /api/v1/accounts", "GET /api/v1/accounts/{id}", "GET /api/v1/contacts",
                "POST /api/v1/opportunities", "POST /api/v1/opportunities/{id}/stage");
        assertThat(documented).containsAll(served);

        JsonNode create = doc.path("paths").path("/api/v1/accounts").path("post").path("responses");
        assertThat(create.path("400").path("content").has("application/problem+json")).isTrue();
        assertThat(create.has("401")).isTrue();
        assertThat(create.has("403")).isTrue();

        JsonNode bearer = doc.path("components").path("securitySchemes").path("bearer");
        assertThat(bearer.path("type").asString()).isEqualTo("http");
        assertThat(bearer.path("scheme").asString()).isEqualTo("bearer");
        assertThat(bearer.path("bearerFormat").asString()).isEqualTo("JWT");
        assertThat(doc.path("security").get(0).has("bearer")).isTrue();
        // Sign-in needs no token, and the caller is never a request parameter.
        assertThat(doc.path("paths").path("/api/v1/auth/token").path("post").path("security").isEmpty()).isTrue();
        assertThat(doc.path("paths").path("/api/v1/accounts").path("post").path("parameters").toString()).doesNotContain("caller");
    }

    @Test
    void swaggerUiIsServed() {
        String location = http.get().uri("/api/v1/docs").exchange().expectStatus().is3xxRedirection()
                .returnResult(Void.class).getResponseHeaders().getLocation().toString();
        assertThat(location).startsWith("/api/v1/swagger-ui/index.html");
        String html = http.get().uri(location).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(html).contains("swagger-ui");
        Map<?, ?> config = http.get().uri("/api/v1/openapi/swagger-config").exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        assertThat(config.get("url").toString()).contains("/api/v1/openapi");
    }
}
