package com.pulse.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The configured administrator exists after start-up, with its event, and can sign in and administer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.api.auth.bootstrap-admin.username=root.admin",
        "pulse.api.auth.bootstrap-admin.password=bootstrap password 1"})
@AutoConfigureWebTestClient
class BootstrapAdminIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(BootstrapAdminIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient http;

    @Autowired
    DatabaseClient db;

    @Autowired
    BootstrapAdmin bootstrap;

    @Test
    void theAdministratorIsCreatedOnceWithItsEventAndSignsIn() throws Exception {
        bootstrap.run(null);

        assertThat(count("SELECT count(*) FROM users WHERE username = 'root.admin' AND 'ADMIN' = ANY(roles)")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM user_history h JOIN users u ON u.id = h.user_id "
                + "WHERE u.username = 'root.admin' AND h.actor = 'bootstrap'")).isPositive();
        assertThat(count("SELECT count(*) FROM outbox WHERE aggregate_type = 'user' AND aggregate_id = "
                + "(SELECT id FROM users WHERE username = 'root.admin')")).isEqualTo(1);

        WebTestClient client = http.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        String token = (String) client.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "root.admin", "password", "bootstrap password 1")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
        client.post().uri("/api/v1/teams").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"First team\"}")
                .exchange().expectStatus().isCreated();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }
}
