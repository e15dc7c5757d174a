package com.pulse.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import java.nio.charset.StandardCharsets;
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
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The user API on devstack: events on crm.users.v1 that never carry a password, BCrypt storage,
 * history, case-insensitive usernames, the password endpoint, recycle bin, 409s and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class UserIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(UserIntegrationTests.class);
    static final String URL = "/api/v1/users";

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

    @Autowired
    PasswordEncoder passwords;

    EntityClient api;

    record Page(List<UserSnapshot> items, String nextCursor) {
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".user-tests", Topics.USERS.qualified(NS.topicPrefix()));
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

    private static String body(String username) {
        return """
                {"username": "%s", "name": "王芳", "email": "%s@Example.CN", "mobile": "+8613812345678",
                 "locale": "en", "timeZone": "Europe/Berlin", "roles": ["REP", "MANAGER", "REP"],
                 "password": "correct horse battery"}""".formatted(username, username);
    }

    private String hash(UUID id) {
        return db.sql("SELECT password_hash FROM users WHERE id = :id").bind("id", id)
                .map(r -> r.get(0, String.class)).one().block();
    }

    @Test
    void creatingStoresABcryptHashAndPublishesNoPassword() {
        UUID team = UUID.randomUUID();
        db.sql("INSERT INTO teams (id, name) VALUES (:id, 'East')").bind("id", team).then().block();
        String json = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body("wang.fang").replace("\"roles\"", "\"teamId\": \"" + team + "\", \"roles\""))
                .exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(json).doesNotContainIgnoringCase("password").doesNotContain("$2a$");
        UserSnapshot user = http.get().uri(URL + "?q=wang.fang").exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody().items().get(0);

        assertThat(user).isEqualTo(new UserSnapshot(user.id(), "wang.fang", "王芳", "wang.fang@example.cn", "+8613812345678",
                "en", "Europe/Berlin", List.of("MANAGER", "REP"), team, true, user.createdAt(), user.createdAt(), false, 1));
        assertThat(hash(user.id())).startsWith("$2a$");
        assertThat(passwords.matches("correct horse battery", hash(user.id()))).isTrue();

        EventTap.Received<UserChanged> created = events.await(user.id(), 1, UserChanged.class);
        assertThat(created.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.users.v1");
        assertThat(created.header("ce_type")).isEqualTo(UserChanged.TYPE);
        assertThat(created.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(created.event().snapshot()).isEqualTo(user);
        assertThat(new String(created.record().value(), StandardCharsets.UTF_8))
                .doesNotContainIgnoringCase("password").doesNotContain("$2a$");
        assertThat(api.history(user.id(), 1)).contains("username:>wang.fang", "roles:>MANAGER,REP", "password:>set");
        assertThat(api.count("SELECT count(*) FROM user_history WHERE new_value LIKE '$2%' OR old_value LIKE '$2%'")).isZero();
    }

    @Test
    void usernamesAreUniqueIgnoringCaseAndFieldsAreValidated() {
        api.create(body("li.lei"), UserSnapshot.class);

        api.post(body("LI.LEI").replace("LI.LEI@", "other@")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("username");
        for (var bad : List.of(Map.entry("mobile", "\"13812345678\""), Map.entry("locale", "\"fr\""),
                Map.entry("timeZone", "\"Mars/Olympus\""), Map.entry("roles", "[]"), Map.entry("roles", "[\"ROOT\"]"),
                Map.entry("password", "\"short\""), Map.entry("email", "\"not-an-email\""), Map.entry("username", "\"a b\""))) {
            String json = body("valid.user").replaceFirst("\"" + bad.getKey() + "\": (\\[[^]]*]|\"[^\"]*\")",
                    "\"" + bad.getKey() + "\": " + bad.getValue());
            api.post(json).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(bad.getKey());
        }
        api.post(body("valid.user").replace("\"password\": \"correct horse battery\"", "\"passwordHash\": \"x\""))
                .expectStatus().isBadRequest();
        assertThat(api.count("SELECT count(*) FROM users WHERE username = 'valid.user'")).isZero();
    }

    @Test
    void thePasswordEndpointRehashesAndRecordsAChangeWithoutTheHash() {
        UserSnapshot user = api.create(body("zhao.lei"), UserSnapshot.class);
        String before = hash(user.id());

        http.post().uri(URL + "/" + user.id() + "/password").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"password\": \"short\"}").exchange().expectStatus().isBadRequest();
        http.post().uri(URL + "/" + user.id() + "/password").contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"7\"")
                .bodyValue("{\"password\": \"another long secret\"}").exchange().expectStatus().isEqualTo(409);
        String json = http.post().uri(URL + "/" + user.id() + "/password").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue("{\"password\": \"another long secret\"}").exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json).doesNotContainIgnoringCase("password");
        assertThat(hash(user.id())).isNotEqualTo(before);
        assertThat(passwords.matches("another long secret", hash(user.id()))).isTrue();
        assertThat(api.history(user.id(), 2)).containsExactly("password:>changed");
        assertThat(new String(events.await(user.id(), 2, UserChanged.class).record().value(), StandardCharsets.UTF_8))
                .doesNotContainIgnoringCase("password");
    }

    @Test
    void staleVersionsConflictAndTheRecycleBinWorks() {
        UserSnapshot user = api.create(body("sun.li"), UserSnapshot.class);
        api.patch(user.id(), "{\"roles\": [\"ANALYST\"], \"active\": false, \"version\": 1}").expectStatus().isOk();
        api.patch(user.id(), "{\"name\": \"Sun\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        assertThat(api.history(user.id(), 2)).containsExactly("roles:MANAGER,REP>ANALYST", "active:true>false");

        http.delete().uri(URL + "/" + user.id()).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").isEqualTo(true);
        assertThat(events.await(user.id(), 3, UserChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + user.id()).exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + user.id() + "/restore").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.deleted").isEqualTo(false).jsonPath("$.version").isEqualTo(4);
        assertThat(events.await(user.id(), 4, UserChanged.class).event().operation()).isEqualTo(Operation.RESTORED);
        assertThat(http.get().uri(URL + "?role=ANALYST&active=false").exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody().items())
                .extracting(UserSnapshot::id).containsExactly(user.id());
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        UserSnapshot existing = api.create(body("hostile.target"), UserSnapshot.class);
        Map<String, String> valid = new java.util.LinkedHashMap<>();
        valid.put("name", "\"Someone\"");
        valid.put("username", "\"someone\"");
        valid.put("email", "\"someone@example.cn\"");
        valid.put("roles", "[\"REP\"]");
        valid.put("teamId", "\"" + UUID.randomUUID() + "\"");
        valid.put("password", "\"long enough password\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "username", "email", "mobile", "locale", "timeZone", "roles", "teamId", "active", "password"),
                (field, value) -> value.equals("\"x\"") && field.equals("name") || value.equals("true") && field.equals("active"),
                List.of("teamId", "role", "active", "q", "sort", "order"),
                Map.entry("locale", "\"xx\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM users) * 1000000 + (SELECT count(*) FROM user_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM users) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
