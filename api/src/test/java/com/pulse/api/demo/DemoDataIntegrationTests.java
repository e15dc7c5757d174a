package com.pulse.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
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

/**
 * The demo company at scale 0.01 on devstack, loaded by the real start-up path (demo enabled): its
 * organisation, the sign-in of every user with the password from the logins file, two years of deal
 * history written through the services, and one outbox event for every write.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "pulse.api.demo.enabled=true", "pulse.api.demo.scale=0.01", "pulse.api.demo.tick=1h"})
@AutoConfigureWebTestClient
class DemoDataIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DemoDataIntegrationTests.class);
    static final Path LOGINS;

    static {
        try {
            LOGINS = Files.createTempDirectory("pulse-demo-test").resolve("logins.txt");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pulse.api.demo.logins-file", LOGINS::toString);
    }

    @Autowired
    WebTestClient http;
    @Autowired
    DatabaseClient db;

    /** Not @BeforeAll: the application (and so the load) starts with the first test instance. */
    @BeforeEach
    void loaded() {
        // The load runs in the background after start-up; its last step appends "loaded=" to the logins file.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(LOGINS) && Files.readString(LOGINS).contains("loaded="));
    }

    private static Map<String, String> logins() throws IOException {
        return Files.readAllLines(LOGINS).stream().filter(l -> !l.startsWith("#") && !l.startsWith("user=") && l.contains("="))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> r.get(0, Long.class)).one().block();
    }

    @Test
    void theOrganisationIsATreeOfSevenTeamsEachManagedByAManagerOfIt() {
        List<Map<String, Object>> teams = db.sql("""
                        SELECT t.name, p.name AS parent, 'MANAGER' = ANY (m.roles) AS manager_role, m.team_id = t.id AS own_team
                        FROM teams t LEFT JOIN teams p ON p.id = t.parent_id LEFT JOIN users m ON m.id = t.manager_id""")
                .fetch().all().collectList().block();
        assertThat(teams).hasSize(7);
        assertThat(teams).filteredOn(t -> t.get("parent") == null).extracting(t -> t.get("name")).containsExactly(DemoPlan.ROOT_TEAM);
        assertThat(teams).filteredOn(t -> t.get("name").equals("Shanghai Inside Sales"))
                .singleElement().satisfies(t -> assertThat(t.get("parent")).isEqualTo("East China Sales"));
        assertThat(teams).allSatisfy(t -> {
            assertThat(t.get("manager_role")).isEqualTo(true);
            assertThat(t.get("own_team")).isEqualTo(true);
        });
    }

    @Test
    void rolesAndEveryUserSignsInWithThePrintedPassword() throws IOException {
        Map<String, String> lines = logins();
        Map<String, Long> roles = db.sql("SELECT unnest(roles) AS role, count(*) AS n FROM users GROUP BY 1").fetch().all()
                .collectMap(r -> (String) r.get("role"), r -> (Long) r.get("n")).block();
        assertThat(roles).containsEntry("ADMIN", 1L).containsEntry("ANALYST", 1L).containsEntry("MANAGER", 7L);
        assertThat(roles.get("EXECUTIVE")).isBetween(1L, 2L);
        assertThat(roles.get("REP")).isGreaterThanOrEqualTo(6L);
        assertThat(lines.keySet()).contains("password", "ADMIN", "EXECUTIVE", "ANALYST", "MANAGER", "REP");
        assertThat(Files.getPosixFilePermissions(LOGINS)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

        List<String> usernames = db.sql("SELECT username FROM users ORDER BY username").map(r -> r.get(0, String.class)).all().collectList().block();
        List<String> listed = Files.readAllLines(LOGINS).stream().filter(l -> l.startsWith("user=")).map(l -> l.substring(5).split(" ")[0]).sorted().toList();
        assertThat(listed).isEqualTo(usernames);
        for (String username : usernames) {
            http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("username", username, "password", lines.get("password")))
                    .exchange().expectStatus().isOk();
        }
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", lines.get("ADMIN"), "password", "not-the-demo-password"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void customersDealsTasksAndTargetsAreAllThere() {
        DemoPlan plan = DemoPlan.generate(20261127, 0.01, Instant.now(), java.time.ZoneId.of("Asia/Shanghai"));
        assertThat(count("SELECT count(*) FROM accounts")).isEqualTo(plan.accounts.size());
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(plan.contacts.size());
        assertThat(count("SELECT count(*) FROM opportunities")).isEqualTo(plan.opportunities.size());
        assertThat(count("SELECT count(*) FROM tasks")).isEqualTo(plan.tasks.size());
        assertThat(count("SELECT count(*) FROM targets")).isEqualTo(plan.targets.size());
        assertThat(count("SELECT count(*) FROM activities")).isGreaterThan(plan.opportunities.size() / 3);
        assertThat(count("SELECT count(*) FROM accounts WHERE parent_account_id IS NOT NULL"))
                .isEqualTo(plan.accounts.stream().filter(a -> a.parentIndex() != null).count());
        assertThat(count("SELECT count(DISTINCT tier) FROM accounts")).isGreaterThanOrEqualTo(3);
        // Every deal belongs to an account and a rep.
        assertThat(count("SELECT count(*) FROM opportunities WHERE account_id IS NULL OR owner_id IS NULL")).isZero();
    }

    @Test
    void dealsSpanTwoYearsAndTheirHistoryAndEventsCarryThePastTimes() {
        Instant now = Instant.now();
        Map<String, Object> span = db.sql("""
                        SELECT min(created_at) AS first, max(created_at) AS last,
                               min(closed_at) AS first_closed, max(closed_at) AS last_closed,
                               count(*) FILTER (WHERE stage = 'CLOSED_WON') AS won, count(*) FILTER (WHERE stage = 'CLOSED_LOST') AS lost
                        FROM opportunities""").fetch().one().block();
        assertThat(((OffsetDateTime) span.get("first")).toInstant()).isBefore(now.minus(Duration.ofDays(700)));
        assertThat(((OffsetDateTime) span.get("last")).toInstant()).isAfter(now.minus(Duration.ofDays(60)));
        assertThat(((OffsetDateTime) span.get("first_closed")).toInstant()).isBefore(now.minus(Duration.ofDays(600)));
        assertThat((Long) span.get("won")).isPositive();
        assertThat((Long) span.get("lost")).isPositive();
        // The history of a deal was written at its planned past instants: the create at created_at.
        assertThat(count("""
                SELECT count(*) FROM opportunities o
                WHERE NOT EXISTS (SELECT 1 FROM opportunity_history h WHERE h.opportunity_id = o.id AND h.version = 1
                                  AND h.changed_at = o.created_at)""")).isZero();
        assertThat(count("SELECT count(*) FROM opportunity_history WHERE changed_at > now() - interval '1 day' AND actor = 'demo'"))
                .isLessThan(count("SELECT count(*) FROM opportunity_history") / 10);
        // Some deals were reopened after closing.
        assertThat(count("""
                SELECT count(*) FROM opportunity_history WHERE field = 'stage' AND old_value LIKE 'CLOSED_%'
                AND new_value NOT LIKE 'CLOSED_%'""")).isPositive();
    }

    @Test
    void everyWriteOfTheLoadHasItsEventAndTheRelayPublishedThemAll() throws IOException {
        String loaded = Files.readAllLines(LOGINS).stream().filter(l -> l.startsWith("loaded=")).findFirst().orElseThrow();
        long writes = Long.parseLong(Arrays.stream(loaded.split(" ")).filter(p -> p.startsWith("writes=")).findFirst().orElseThrow().substring(7));
        assertThat(count("SELECT count(*) FROM outbox")).isEqualTo(writes);
        await().atMost(Duration.ofMinutes(1)).until(() -> count("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0);
        assertThat(count("SELECT count(DISTINCT aggregate_type) FROM outbox")).isEqualTo(8);
        assertThat(UUID.fromString(db.sql("SELECT aggregate_id FROM outbox ORDER BY id LIMIT 1").map(r -> r.get(0, UUID.class).toString()).one().block()))
                .isNotNull();
    }
}
