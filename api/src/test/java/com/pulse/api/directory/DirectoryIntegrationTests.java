package com.pulse.api.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.security.Role;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code GET /api/v1/directory}: names of users and teams by id, for every signed-in role. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DirectoryIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DirectoryIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    WebTestClient client;

    @Autowired
    Tokens tokens;

    @Autowired
    DatabaseClient db;

    record Names(Map<String, String> users, Map<String, String> teams) {
    }

    @Test
    void everyRoleReadsTheNamesOfUsersAndTeamsAskedForIncludingTheRecycleBin() {
        UUID team = UUID.randomUUID();
        UUID binnedTeam = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        UUID binnedUser = UUID.randomUUID();
        db.sql("INSERT INTO teams (id, name) VALUES (:id, '华东销售')").bind("id", team).then().block();
        db.sql("INSERT INTO teams (id, name, deleted_at) VALUES (:id, 'Old West', now())").bind("id", binnedTeam).then().block();
        db.sql("INSERT INTO users (id, name, email, team_id) VALUES (:id, '王芳', :email, :team)")
                .bind("id", user).bind("email", user + "@pulse.example").bind("team", team).then().block();
        db.sql("INSERT INTO users (id, name, email, deleted_at) VALUES (:id, 'Li Lei', :email, now())")
                .bind("id", binnedUser).bind("email", binnedUser + "@pulse.example").then().block();
        UUID unknown = UUID.randomUUID();
        String body = "{\"ids\": [\"%s\", \"%s\", \"%s\", \"%s\", \"%s\"]}".formatted(user, team.toString().toUpperCase(),
                binnedUser, binnedTeam, unknown);

        for (Role role : Role.values()) {
            Names names = tokens.as(client, UUID.randomUUID(), null, role).post().uri("/api/v1/directory")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isOk().expectBody(Names.class).returnResult().getResponseBody();
            assertThat(names.users()).as(role.name()).isEqualTo(Map.of(user.toString(), "王芳", binnedUser.toString(), "Li Lei"));
            assertThat(names.teams()).as(role.name()).isEqualTo(Map.of(team.toString(), "华东销售", binnedTeam.toString(), "Old West"));
        }
    }

    @Test
    void withoutATokenItIs401() {
        client.post().uri("/api/v1/directory").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ids\": [\"" + UUID.randomUUID() + "\"]}").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void missingMalformedOrTooManyIdsAre400NamingTheField() {
        WebTestClient http = tokens.as(client, UUID.randomUUID(), null, Role.ANALYST);
        String tooMany = "\"" + String.join("\",\"", java.util.Collections.nCopies(DirectoryController.MAX_IDS + 1,
                UUID.randomUUID().toString())) + "\"";
        Map<String, String> refusals = Map.of(
                "{}", "ids",
                "{\"ids\": [" + tooMany + "]}", "ids",
                "{\"ids\": [\"1-2-3-4-5\"]}", "ids[0]",
                "{\"ids\": [\"" + UUID.randomUUID() + "\", \"x' OR 1=1--\"]}", "ids[1]",
                "{\"ids\": [null]}", "ids[0]");
        refusals.forEach((body, field) -> http.post().uri("/api/v1/directory").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
    }
}
