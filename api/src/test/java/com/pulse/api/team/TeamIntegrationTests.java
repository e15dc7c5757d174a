package com.pulse.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.Operation;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The team API on devstack: events on crm.teams.v1, history, the tree rules, recycle bin, 409s and hostile input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TeamIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TeamIntegrationTests.class);
    static final String URL = "/api/v1/teams";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    static EventTap events;

    WebTestClient http;

    @Autowired
    Tokens tokens;

    /** Every request carries an administrator's token (ADMIN may read and change everything). */
    @Autowired
    void signIn(WebTestClient client, Tokens tokens) {
        http = tokens.admin(client);
    }

    @Autowired
    DatabaseClient db;

    EntityClient api;

    record Page(List<TeamSnapshot> items, String nextCursor) {
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".team-tests", Topics.TEAMS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void client() {
        api = new EntityClient(http, db, URL);
        http = api.http();
    }

    private TeamSnapshot create(String json) {
        return api.create(json, TeamSnapshot.class);
    }

    @Test
    void creatingPublishesVersionOneAndUpdatingRecordsTheChangedFields() {
        UUID manager = api.aUser("Li Lei");
        TeamSnapshot sales = create("{\"name\": \"Sales\"}");
        TeamSnapshot east = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"  East China  \", \"parentId\": \"%s\", \"managerId\": \"%s\"}".formatted(sales.id(), manager))
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(TeamSnapshot.class).returnResult().getResponseBody();

        assertThat(east).isEqualTo(new TeamSnapshot(east.id(), "East China", sales.id(), manager, east.createdAt(),
                east.createdAt(), false, 1));
        EventTap.Received<TeamChanged> created = events.await(east.id(), 1, TeamChanged.class);
        assertThat(created.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.teams.v1");
        assertThat(created.header("ce_type")).isEqualTo(TeamChanged.TYPE);
        assertThat(created.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(created.event().snapshot()).isEqualTo(east);
        assertThat(api.history(east.id(), 1)).contains("name:>East China", "parentId:>" + sales.id(), "managerId:>" + manager);

        TeamSnapshot renamed = api.patch(east.id(), "{\"name\": \"East\", \"version\": 1}").expectStatus().isOk()
                .expectBody(TeamSnapshot.class).returnResult().getResponseBody();
        assertThat(renamed.version()).isEqualTo(2);
        assertThat(events.await(east.id(), 2, TeamChanged.class).event().snapshot()).isEqualTo(renamed);
        assertThat(api.history(east.id(), 2)).containsExactly("name:East China>East");
        assertThat(page("parentId=" + sales.id()).items()).extracting(TeamSnapshot::id).containsExactly(east.id());
    }

    @Test
    void theTreeHasLiveParentsKnownManagersAndNoCycles() {
        TeamSnapshot top = create("{\"name\": \"Department\"}");
        TeamSnapshot mid = create("{\"name\": \"Group\", \"parentId\": \"" + top.id() + "\"}");
        TeamSnapshot leaf = create("{\"name\": \"Squad\", \"parentId\": \"" + mid.id() + "\"}");

        api.patch(top.id(), "{\"parentId\": \"" + leaf.id() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        api.patch(top.id(), "{\"parentId\": \"" + top.id() + "\"}").expectStatus().isBadRequest();
        api.post("{\"name\": \"X\", \"parentId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("parentId");
        api.post("{\"name\": \"X\", \"managerId\": \"" + UUID.randomUUID() + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("managerId");
        assertThat(api.count("SELECT count(*) FROM teams WHERE id = '" + top.id() + "' AND parent_id IS NULL")).isEqualTo(1);
    }

    @Test
    void staleVersionsConflictAndTheRecycleBinWorks() {
        TeamSnapshot team = create("{\"name\": \"North\"}");
        api.patch(team.id(), "{\"name\": \"North 2\"}").expectStatus().isOk();
        http.patch().uri(URL + "/" + team.id()).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .bodyValue("{\"name\": \"North 3\"}").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);

        TeamSnapshot deleted = http.delete().uri(URL + "/" + team.id()).header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk().expectBody(TeamSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(team.id(), 3, TeamChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + team.id()).exchange().expectStatus().isNotFound();
        api.post("{\"name\": \"Child\", \"parentId\": \"" + team.id() + "\"}").expectStatus().isBadRequest();

        TeamSnapshot restored = http.post().uri(URL + "/" + team.id() + "/restore").exchange().expectStatus().isOk()
                .expectBody(TeamSnapshot.class).returnResult().getResponseBody();
        assertThat(restored.deleted()).isFalse();
        assertThat(events.await(team.id(), 4, TeamChanged.class).event().operation()).isEqualTo(Operation.RESTORED);
        assertThat(api.history(team.id(), 3)).containsExactly("deleted:false>true");
        http.post().uri(URL + "/" + team.id() + "/restore").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        TeamSnapshot existing = create("{\"name\": \"Hostile Target\"}");
        Map<String, String> valid = new java.util.LinkedHashMap<>();
        valid.put("name", "\"Team X\"");
        valid.put("parentId", "\"" + UUID.randomUUID() + "\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "parentId", "managerId"),
                (field, value) -> value.equals("\"x\"") && field.equals("name"),
                List.of("parentId", "managerId", "q", "sort", "order"),
                Map.entry("name", "\"\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM teams) * 1000000 + (SELECT count(*) FROM team_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM teams) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }
}
