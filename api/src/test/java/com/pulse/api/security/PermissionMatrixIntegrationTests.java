package com.pulse.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Data isolation on devstack: a department with sub-teams A and B; a manager of A, reps A1 and A2 in
 * A, rep B1 in B, and an administrator, an executive and an analyst. Records of every scoped entity
 * are owned by A1, A2 and B1. Every role reads, updates and deletes every record and lists every
 * entity: the status must follow the rules (200/409 allowed, 404 outside the scope, 403 for the
 * role) and no list may contain a record outside the caller's scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PermissionMatrixIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(PermissionMatrixIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    Tokens tokens;

    @Autowired
    ObjectMapper json;

    WebTestClient client;
    WebTestClient admin;

    @Autowired
    void clients(WebTestClient client, Tokens tokens) {
        this.client = client;
        this.admin = tokens.admin(client);
    }

    /** An entity under test: its path, a valid PATCH body, and which roles its role rules let write. */
    record Entity(String path, String patch, Set<Role> writers) {
    }

    /** A caller of the matrix: its client and the owners whose records it must see (null: everyone). */
    record Viewer(String name, WebTestClient http, Set<Role> roles, Set<UUID> sees) {
    }

    static final Set<Role> ALL_WRITERS = Set.of(Role.ADMIN, Role.EXECUTIVE, Role.MANAGER, Role.REP);
    static final Set<Role> MANAGEMENT = Set.of(Role.ADMIN, Role.EXECUTIVE, Role.MANAGER);

    @Test
    void everyRoleSeesAndChangesExactlyItsScopeWithZeroLeaks() {
        UUID department = create("/api/v1/teams", "{\"name\": \"Sales\"}");
        UUID teamA = create("/api/v1/teams", "{\"name\": \"Sales A\", \"parentId\": \"" + department + "\"}");
        UUID teamB = create("/api/v1/teams", "{\"name\": \"Sales B\", \"parentId\": \"" + department + "\"}");
        UUID manager = user("mgr.a", "MANAGER", teamA);
        UUID a1 = user("rep.a1", "REP", teamA);
        UUID a2 = user("rep.a2", "REP", teamA);
        UUID b1 = user("rep.b1", "REP", teamB);
        admin.patch().uri("/api/v1/teams/" + teamA).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"managerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();

        Map<String, Entity> entities = new LinkedHashMap<>();
        entities.put("accounts", new Entity("/api/v1/accounts", "{\"industry\": \"Matrix\"}", ALL_WRITERS));
        entities.put("contacts", new Entity("/api/v1/contacts", "{\"title\": \"Matrix\"}", ALL_WRITERS));
        entities.put("opportunities", new Entity("/api/v1/opportunities", "{\"name\": \"Matrix deal\"}", ALL_WRITERS));
        entities.put("leads", new Entity("/api/v1/leads", "{\"company\": \"Matrix\"}", ALL_WRITERS));
        entities.put("activities", new Entity("/api/v1/activities", "{\"notes\": \"Matrix\"}", ALL_WRITERS));
        entities.put("tasks", new Entity("/api/v1/tasks", "{\"title\": \"Matrix task\"}", ALL_WRITERS));
        entities.put("targets", new Entity("/api/v1/targets", "{\"value\": 6}", MANAGEMENT));

        // records.get(entity).get(owner) = the record of that entity owned by that rep
        Map<String, Map<UUID, UUID>> records = new LinkedHashMap<>();
        entities.keySet().forEach(e -> records.put(e, new LinkedHashMap<>()));
        for (UUID owner : List.of(a1, a2, b1)) {
            UUID account = create("/api/v1/accounts", "{\"name\": \"Account of " + owner + "\", \"ownerId\": \"" + owner + "\"}");
            records.get("accounts").put(owner, account);
            records.get("contacts").put(owner, create("/api/v1/contacts", "{\"name\": \"Contact\", \"accountId\": \""
                    + account + "\", \"ownerId\": \"" + owner + "\"}"));
            records.get("opportunities").put(owner, create("/api/v1/opportunities", "{\"name\": \"Deal\", \"amount\": 100, "
                    + "\"accountId\": \"" + account + "\", \"ownerId\": \"" + owner + "\"}"));
            records.get("leads").put(owner, create("/api/v1/leads", "{\"source\": \"WEB\", \"contactName\": \"Lead\", "
                    + "\"ownerId\": \"" + owner + "\"}"));
            records.get("activities").put(owner, create("/api/v1/activities", "{\"type\": \"CALL\", \"subject\": \"Call\", "
                    + "\"accountId\": \"" + account + "\", \"ownerId\": \"" + owner + "\"}"));
            records.get("tasks").put(owner, create("/api/v1/tasks", "{\"title\": \"Task\", \"assigneeId\": \"" + owner
                    + "\", \"accountId\": \"" + account + "\"}"));
            records.get("targets").put(owner, create("/api/v1/targets", "{\"scopeType\": \"USER\", \"scopeId\": \"" + owner
                    + "\", \"periodType\": \"MONTH\", \"period\": \"2027-01\", \"metric\": \"NEW_LEADS\", \"value\": 5}"));
        }

        List<Viewer> viewers = List.of(
                new Viewer("ADMIN", tokens.as(client, UUID.randomUUID(), null, Role.ADMIN), Set.of(Role.ADMIN), null),
                new Viewer("EXECUTIVE", tokens.as(client, UUID.randomUUID(), null, Role.EXECUTIVE), Set.of(Role.EXECUTIVE), null),
                new Viewer("ANALYST", tokens.as(client, UUID.randomUUID(), null, Role.ANALYST), Set.of(Role.ANALYST), null),
                new Viewer("MANAGER A", tokens.as(client, manager, teamA, Role.MANAGER), Set.of(Role.MANAGER), Set.of(a1, a2)),
                new Viewer("REP A1", tokens.as(client, a1, teamA, Role.REP), Set.of(Role.REP), Set.of(a1)),
                new Viewer("REP A2", tokens.as(client, a2, teamA, Role.REP), Set.of(Role.REP), Set.of(a2)),
                new Viewer("REP B1", tokens.as(client, b1, teamB, Role.REP), Set.of(Role.REP), Set.of(b1)));

        int cases = 0;
        List<String> failures = new ArrayList<>();
        Set<UUID> allRecords = new HashSet<>();
        records.values().forEach(r -> allRecords.addAll(r.values()));
        for (Viewer viewer : viewers) {
            for (Map.Entry<String, Entity> e : entities.entrySet()) {
                Entity entity = e.getValue();
                boolean writer = viewer.roles().stream().anyMatch(entity.writers()::contains);
                for (Map.Entry<UUID, UUID> record : records.get(e.getKey()).entrySet()) {
                    boolean visible = viewer.sees() == null || viewer.sees().contains(record.getKey());
                    String url = entity.path() + "/" + record.getValue();
                    String what = viewer.name() + " " + e.getKey() + " of " + record.getKey();

                    cases += expect(failures, what + " read", visible ? 200 : 404,
                            viewer.http().get().uri(url).exchange());
                    cases += expect(failures, what + " update", !writer ? 403 : visible ? 200 : 404,
                            viewer.http().patch().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(entity.patch()).exchange());
                    // A stale If-Match: an allowed delete gets as far as the version check (409) and changes nothing.
                    cases += expect(failures, what + " delete", !writer ? 403 : visible ? 409 : 404,
                            viewer.http().delete().uri(url).header("If-Match", "\"999\"").exchange());
                    cases += expect(failures, what + " history", visible ? 200 : 404,
                            viewer.http().get().uri(url + "/history").exchange());
                }
                Set<UUID> listed = listed(viewer.http(), entity.path());
                Set<UUID> expected = new HashSet<>();
                records.get(e.getKey()).forEach((owner, id) -> {
                    if (viewer.sees() == null || viewer.sees().contains(owner)) {
                        expected.add(id);
                    }
                });
                Set<UUID> leaked = new HashSet<>(listed);
                leaked.retainAll(allRecords);
                leaked.removeAll(expected);
                cases++;
                if (!leaked.isEmpty() || !listed.containsAll(expected)) {
                    failures.add(viewer.name() + " list " + e.getKey() + ": leaked " + leaked + ", missing "
                            + expected.stream().filter(id -> !listed.contains(id)).toList());
                }
            }
        }

        System.out.printf("permission matrix: %d cases, %d failures%n", cases, failures.size());
        assertThat(failures).isEmpty();
        assertThat(cases).isEqualTo(7 * 7 * (3 * 4 + 1));
    }

    @Test
    void aBinnedTeamIsManagedByNobodyUntilRestoredWhileTheTeamsBelowALiveOneStayInScope() {
        // a department whose manager also manages a team elsewhere; a sub-team of the department
        UUID department = create("/api/v1/teams", "{\"name\": \"Binned scope department\"}");
        UUID subTeam = create("/api/v1/teams", "{\"name\": \"Binned scope sub-team\", \"parentId\": \"" + department + "\"}");
        UUID elsewhere = create("/api/v1/teams", "{\"name\": \"Binned scope elsewhere\"}");
        UUID manager = user("binned.mgr", "MANAGER", department);
        UUID subRep = user("binned.sub", "REP", subTeam);
        UUID farRep = user("binned.far", "REP", elsewhere);
        for (UUID team : List.of(department, elsewhere)) {
            admin.patch().uri("/api/v1/teams/" + team).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"managerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();
        }
        UUID subAccount = create("/api/v1/accounts", "{\"name\": \"Sub-team's\", \"ownerId\": \"" + subRep + "\"}");
        UUID farAccount = create("/api/v1/accounts", "{\"name\": \"Elsewhere's\", \"ownerId\": \"" + farRep + "\"}");
        WebTestClient asManager = tokens.as(client, manager, department, Role.MANAGER);
        asManager.get().uri("/api/v1/accounts/" + farAccount).exchange().expectStatus().isOk();

        // binning a team the manager manages takes its people out of the manager's scope (as olap's managed_teams
        // claim and the notifier leave a binned team out) ...
        admin.delete().uri("/api/v1/teams/" + elsewhere).exchange().expectStatus().isOk();
        asManager.get().uri("/api/v1/accounts/" + farAccount).exchange().expectStatus().isNotFound();
        // ... while a binned team below a live managed one stays in it (olap finds it by the team path)
        admin.delete().uri("/api/v1/teams/" + subTeam).exchange().expectStatus().isOk();
        asManager.get().uri("/api/v1/accounts/" + subAccount).exchange().expectStatus().isOk();

        // restored, it is managed again
        admin.post().uri("/api/v1/teams/" + elsewhere + "/restore").exchange().expectStatus().isOk();
        asManager.get().uri("/api/v1/accounts/" + farAccount).exchange().expectStatus().isOk();
    }

    @Test
    void writesToOwnersOrReferencesOutsideTheScopeAreRefused() {
        UUID team = create("/api/v1/teams", "{\"name\": \"Scope team\"}");
        UUID other = create("/api/v1/teams", "{\"name\": \"Other team\"}");
        UUID manager = user("scope.mgr", "MANAGER", team);
        UUID rep = user("scope.rep", "REP", team);
        UUID stranger = user("scope.stranger", "REP", other);
        admin.patch().uri("/api/v1/teams/" + team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"managerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();
        UUID strangersAccount = create("/api/v1/accounts", "{\"name\": \"Not yours\", \"ownerId\": \"" + stranger + "\"}");
        WebTestClient asRep = tokens.as(client, rep, team, Role.REP);
        WebTestClient asManager = tokens.as(client, manager, team, Role.MANAGER);

        // Owners outside the scope: 422 naming the field.
        outOfScope(asRep.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"For the stranger\", \"ownerId\": \"" + stranger + "\"}").exchange(), "ownerId");
        outOfScope(asManager.post().uri("/api/v1/leads").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"source\": \"WEB\", \"contactName\": \"X\", \"ownerId\": \"" + stranger + "\"}").exchange(), "ownerId");
        UUID mine = create(asRep, "/api/v1/accounts", "{\"name\": \"Mine\", \"ownerId\": \"" + rep + "\"}");
        outOfScope(asRep.patch().uri("/api/v1/accounts/" + mine).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ownerId\": \"" + stranger + "\"}").exchange(), "ownerId");
        // A manager hands a record to somebody in the team.
        asManager.patch().uri("/api/v1/accounts/" + mine).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ownerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();

        // A reference to an invisible account reads like an unknown one.
        String unknown = asRep.post().uri("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"X\", \"accountId\": \"" + UUID.randomUUID() + "\", \"ownerId\": \"" + rep + "\"}")
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        String invisible = asRep.post().uri("/api/v1/contacts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"X\", \"accountId\": \"" + strangersAccount + "\", \"ownerId\": \"" + rep + "\"}")
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody();
        assertThat(invisible).contains("accountId").isEqualTo(unknown);

        // Sharing an account with the rep makes it visible and changeable, not transferable.
        admin.patch().uri("/api/v1/accounts/" + strangersAccount).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"sharedWith\": [\"" + rep + "\"]}").exchange().expectStatus().isOk();
        asRep.get().uri("/api/v1/accounts/" + strangersAccount).exchange().expectStatus().isOk();
        asRep.patch().uri("/api/v1/accounts/" + strangersAccount).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"industry\": \"Shared\"}").exchange().expectStatus().isOk();
        assertThat(listed(asRep, "/api/v1/accounts")).contains(strangersAccount);
        // Export filters like the list.
        String csv = asRep.get().uri("/api/v1/accounts/export?format=csv").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(csv).contains(strangersAccount.toString()).doesNotContain(mine.toString());
    }

    @Test
    void aRepOrManagerWhoNamesNoOwnerOwnsTheNewRecordWhileAnAdministratorMayLeaveItUnowned() {
        UUID team = create("/api/v1/teams", "{\"name\": \"Owner team\"}");
        UUID rep = user("owner.rep", "REP", team);
        UUID manager = user("owner.mgr", "MANAGER", team);
        admin.patch().uri("/api/v1/teams/" + team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"managerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();

        for (Map.Entry<UUID, WebTestClient> creator : Map.of(rep, tokens.as(client, rep, team, Role.REP),
                manager, tokens.as(client, manager, team, Role.MANAGER)).entrySet()) {
            WebTestClient http = creator.getValue();
            String me = creator.getKey().toString();
            JsonNode account = created(http, "/api/v1/accounts", "{\"name\": \"No owner named\"}");
            String accountId = account.path("id").asString();
            assertThat(account.path("ownerId").asString()).isEqualTo(me);
            assertThat(created(http, "/api/v1/contacts", "{\"name\": \"C\", \"accountId\": \"" + accountId + "\"}")
                    .path("ownerId").asString()).isEqualTo(me);
            assertThat(created(http, "/api/v1/opportunities", "{\"name\": \"D\", \"amount\": 1, \"accountId\": \""
                    + accountId + "\"}").path("ownerId").asString()).isEqualTo(me);
            assertThat(created(http, "/api/v1/leads", "{\"source\": \"WEB\", \"contactName\": \"L\"}")
                    .path("ownerId").asString()).isEqualTo(me);
            assertThat(created(http, "/api/v1/activities", "{\"type\": \"CALL\", \"subject\": \"S\", \"accountId\": \""
                    + accountId + "\"}").path("ownerId").asString()).isEqualTo(me);
            // Owned, so inside the creator's own scope.
            http.get().uri("/api/v1/accounts/" + accountId).exchange().expectStatus().isOk();
        }

        // An administrator sees everything, so an unowned record stays unowned (e.g. a shared pool).
        JsonNode pool = created(admin, "/api/v1/accounts", "{\"name\": \"Pool\"}").path("ownerId");
        assertThat(pool.isNull() || pool.isMissingNode()).as("owner of an administrator's unowned account: %s", pool).isTrue();
    }

    @Test
    void repsAndManagersSeeTheirOwnTeamsTargetsButChangeOnlyThoseOfTeamsTheyManage() {
        UUID department = create("/api/v1/teams", "{\"name\": \"Target dept\"}");
        UUID team = create("/api/v1/teams", "{\"name\": \"Target team\", \"parentId\": \"" + department + "\"}");
        UUID other = create("/api/v1/teams", "{\"name\": \"Target other\"}");
        // The manager is a member of the department and manages the team below it.
        UUID manager = user("target.mgr", "MANAGER", department);
        UUID rep = user("target.rep", "REP", team);
        admin.patch().uri("/api/v1/teams/" + team).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"managerId\": \"" + manager + "\"}").exchange().expectStatus().isOk();
        UUID teamTarget = create("/api/v1/targets", teamTarget(team));
        UUID departmentTarget = create("/api/v1/targets", teamTarget(department));
        UUID otherTarget = create("/api/v1/targets", teamTarget(other));
        WebTestClient asRep = tokens.as(client, rep, team, Role.REP);
        WebTestClient asManager = tokens.as(client, manager, department, Role.MANAGER);

        asRep.get().uri("/api/v1/targets/" + teamTarget).exchange().expectStatus().isOk();
        asRep.get().uri("/api/v1/targets/" + departmentTarget).exchange().expectStatus().isNotFound();
        asRep.get().uri("/api/v1/targets/" + otherTarget).exchange().expectStatus().isNotFound();
        assertThat(listed(asRep, "/api/v1/targets")).contains(teamTarget).doesNotContain(departmentTarget, otherTarget);

        asManager.get().uri("/api/v1/targets/" + departmentTarget).exchange().expectStatus().isOk();
        asManager.get().uri("/api/v1/targets/" + otherTarget).exchange().expectStatus().isNotFound();
        assertThat(listed(asManager, "/api/v1/targets")).contains(teamTarget, departmentTarget).doesNotContain(otherTarget);
        // Seen for information, not to be changed: the department's target belongs to whoever manages the department.
        asManager.patch().uri("/api/v1/targets/" + departmentTarget).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"value\": 99}").exchange().expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        asManager.delete().uri("/api/v1/targets/" + departmentTarget).exchange().expectStatus().isForbidden();
        asManager.patch().uri("/api/v1/targets/" + teamTarget).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"value\": 7}").exchange().expectStatus().isOk();
        admin.get().uri("/api/v1/targets/" + departmentTarget).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
    }

    private static String teamTarget(UUID team) {
        return "{\"scopeType\": \"TEAM\", \"scopeId\": \"" + team
                + "\", \"periodType\": \"MONTH\", \"period\": \"2027-01\", \"metric\": \"NEW_LEADS\", \"value\": 5}";
    }

    private static void outOfScope(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus().isEqualTo(422).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:pulse:problem:out-of-scope")
                .jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private static int expect(List<String> failures, String what, int status, WebTestClient.ResponseSpec response) {
        int actual = response.expectBody().returnResult().getStatus().value();
        if (actual != status) {
            failures.add(what + ": expected " + status + ", got " + actual);
        }
        return 1;
    }

    private Set<UUID> listed(WebTestClient http, String path) {
        byte[] body = http.get().uri(path + "?limit=200").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        Set<UUID> ids = new HashSet<>();
        for (JsonNode item : json.readTree(body).path("items")) {
            ids.add(UUID.fromString(item.path("id").asString()));
        }
        return ids;
    }

    /** Unique per execution of the test (JUnit makes a new instance each time), so a rerun does not trip over the first one's users. */
    private final String run = Long.toString(System.nanoTime(), 36);

    private UUID user(String username, String role, UUID team) {
        String unique = username + "." + run;
        return create("/api/v1/users", """
                {"username": "%s", "name": "%s", "email": "%s@example.cn", "roles": ["%s"], "teamId": "%s",
                 "password": "a very good password"}""".formatted(unique, username, unique, role, team));
    }

    private UUID create(String path, String body) {
        return create(admin, path, body);
    }

    private JsonNode created(WebTestClient http, String path, String body) {
        byte[] created = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json.readTree(created);
    }

    private UUID create(WebTestClient http, String path, String body) {
        byte[] created = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return UUID.fromString(json.readTree(created).path("id").asString());
    }
}
