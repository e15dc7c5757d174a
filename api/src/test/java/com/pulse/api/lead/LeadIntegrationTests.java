package com.pulse.api.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The lead API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.leads.v1, status moves, the campaign reference, the recycle bin, optimistic locking,
 * all-or-nothing transactions, list filters and paging, and hostile input. Conversion has
 * its own class, {@link LeadConversionIntegrationTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LeadIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(LeadIntegrationTests.class);
    static final String URL = "/api/v1/leads";

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

    @BeforeEach
    void client() {
        api = new EntityClient(http, db, URL);
        http = api.http();
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".lead-tests", Topics.LEADS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<LeadSnapshot> items, String nextCursor) {
    }

    private LeadSnapshot create(String json) {
        return api.create(json, LeadSnapshot.class);
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    private UUID aCampaign() {
        return UUID.fromString(http.post().uri("/api/v1/campaigns").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Lead Test Campaign\", \"channel\": \"EVENT\"}").exchange()
                .expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        UUID campaign = aCampaign();
        UUID owner = api.aUser("Chen Jing");

        EntityExchangeResult<LeadSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"source": "CAMPAIGN", "campaignId": "%s", "company": " 华信科技 ", "contactName": " 王芳 ",
                         "title": "Procurement Director", "email": "wang.fang@huaxin.example.cn", "phone": "+8613812345678",
                         "ownerId": "%s"}""".formatted(campaign, owner))
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(LeadSnapshot.class).returnResult();
        LeadSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new LeadSnapshot(body.id(), "CAMPAIGN", campaign, "华信科技", "王芳", "Procurement Director",
                "wang.fang@huaxin.example.cn", "+8613812345678", "NEW", null, null, null, null, null, owner,
                body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<LeadChanged> received = events.await(body.id(), 1, LeadChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.leads.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(LeadChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().actor()).isEqualTo(tokens.adminId().toString());
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(LeadSnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).hasSize(9).contains("status:>NEW", "campaignId:>" + campaign);
    }

    @Test
    void statusMovesFollowTheAllowedTransitionsAndTheReasonBelongsToDisqualified() {
        LeadSnapshot created = create("{\"source\": \"WEB\", \"contactName\": \"Li Na\"}");

        api.patch(created.id(), "{\"status\": \"WORKING\"}").expectStatus().isOk();
        LeadSnapshot disqualified = api.patch(created.id(), "{\"status\": \"DISQUALIFIED\", \"disqualifiedReason\": \"No budget\"}")
                .expectStatus().isOk().expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        assertThat(disqualified.disqualifiedReason()).isEqualTo("No budget");
        assertThat(events.await(created.id(), 3, LeadChanged.class).event().snapshot()).isEqualTo(disqualified);
        assertThat(api.history(created.id(), 3)).containsExactly("status:WORKING>DISQUALIFIED", "disqualifiedReason:>No budget");

        // DISQUALIFIED → QUALIFIED is not a move; the reason is refused without DISQUALIFIED; CONVERTED only by converting.
        api.patch(created.id(), "{\"status\": \"QUALIFIED\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        api.patch(created.id(), "{\"status\": \"CONVERTED\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("status");
        api.post("{\"source\": \"WEB\", \"contactName\": \"X\", \"status\": \"CONVERTED\"}").expectStatus().isBadRequest();
        api.post("{\"source\": \"WEB\", \"contactName\": \"X\", \"disqualifiedReason\": \"why\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("disqualifiedReason");

        LeadSnapshot reopened = api.patch(created.id(), "{\"status\": \"NEW\"}").expectStatus().isOk()
                .expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        assertThat(reopened.disqualifiedReason()).isNull();
        assertThat(reopened.version()).isEqualTo(4);
        api.patch(created.id(), "{\"disqualifiedReason\": \"late\"}").expectStatus().isBadRequest();
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(4);
    }

    @Test
    void theCampaignMustExistAndBeLive() {
        UUID binned = aCampaign();
        http.delete().uri("/api/v1/campaigns/" + binned).exchange().expectStatus().isOk();

        api.post("{\"source\": \"WEB\", \"contactName\": \"N\", \"campaignId\": \"" + UUID.randomUUID() + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("campaignId");
        api.post("{\"source\": \"WEB\", \"contactName\": \"N\", \"campaignId\": \"" + binned + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("campaignId");
        LeadSnapshot created = create("{\"source\": \"WEB\", \"contactName\": \"Movable\"}");
        api.patch(created.id(), "{\"campaignId\": \"" + binned + "\"}").expectStatus().isBadRequest();
        api.patch(created.id(), "{\"campaignId\": \"" + aCampaign() + "\"}").expectStatus().isOk();
        api.post("{\"source\": \"WEB\", \"contactName\": \"Owned\", \"ownerId\": \"" + UUID.randomUUID() + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        LeadSnapshot created = create("{\"source\": \"REFERRAL\", \"contactName\": \"Zhao Lei\", \"company\": \"Binned Co\"}");

        LeadSnapshot deleted = http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isOk().expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(created.id(), 2, LeadChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + created.id() + "/convert").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange().expectStatus().isNotFound();
        assertThat(page("q=binned co").items()).isEmpty();

        LeadSnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        LeadChanged restoration = events.await(created.id(), 3, LeadChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("q=binned co").items()).extracting(LeadSnapshot::id).containsExactly(created.id());
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        LeadSnapshot created = create("{\"source\": \"OTHER\", \"contactName\": \"Sun Yu\"}");
        api.patch(created.id(), "{\"title\": \"CTO\", \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"title\": \"CEO\", \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .bodyValue("{\"title\": \"CEO\"}").exchange().expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);
        http.post().uri(URL + "/" + created.id() + "/convert").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"accountName\": \"Sun Co\", \"version\": 1}").exchange().expectStatus().isEqualTo(409);

        LeadSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.title()).isEqualTo("CTO");
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing source           | "contactName": "Li"                              | source
            unknown source           | "contactName": "Li", "source": "TV"              | source
            missing contact name     | "source": "WEB"                                  | contactName
            blank contact name       | "source": "WEB", "contactName": "  "             | contactName
            phone without plus       | "source": "WEB", "contactName": "Li", "phone": "13812345678"  | phone
            email without at         | "source": "WEB", "contactName": "Li", "email": "li.example.com" | email
            unknown status           | "source": "WEB", "contactName": "Li", "status": "HOT"          | status
            campaign not a uuid      | "source": "WEB", "contactName": "Li", "campaignId": "c-1"      | campaignId
            unknown field            | "source": "WEB", "contactName": "Li", "score": 5               | score
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String fields, String expected) {
        api.post("{" + fields + "}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        LeadSnapshot existing = create("{\"source\": \"WEB\", \"contactName\": \"Rollback Probe\"}");
        long leads = api.count("SELECT count(*) FROM leads");
        long history = api.count("SELECT count(*) FROM lead_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"source\": \"WEB\", \"contactName\": \"Never stored\"}").expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"title\": \"Changed\"}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM leads")).isEqualTo(leads);
        assertThat(api.count("SELECT count(*) FROM leads WHERE name = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM lead_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM leads WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND title IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterByStatusSourceCampaignAndNameAndPageWithACursor() {
        UUID campaign = aCampaign();
        UUID owner = api.aUser("Chen Jing");
        List<LeadSnapshot> created = new ArrayList<>();
        for (String name : List.of("Wei Zhang", "anna Wu", "Bo Li", "Wei Liu", "carl Ma")) {
            created.add(create("{\"source\": \"CAMPAIGN\", \"campaignId\": \"" + campaign + "\", \"contactName\": \"" + name
                    + "\", \"ownerId\": \"" + owner + "\"}"));
        }
        create("{\"source\": \"WEB\", \"contactName\": \"Wei Other\"}");
        api.patch(created.get(1).id(), "{\"status\": \"QUALIFIED\"}").expectStatus().isOk();

        assertThat(page("campaignId=" + campaign).items()).hasSize(5)
                .extracting(LeadSnapshot::contactName).startsWith("carl Ma"); // newest first by default
        assertThat(page("campaignId=" + campaign + "&q=wEi&sort=name").items()).extracting(LeadSnapshot::contactName)
                .containsExactly("Wei Liu", "Wei Zhang");
        assertThat(page("ownerId=" + owner + "&status=QUALIFIED").items()).extracting(LeadSnapshot::id)
                .containsExactly(created.get(1).id());
        assertThat(page("ownerId=" + owner + "&source=WEB").items()).isEmpty();

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("campaignId=" + campaign + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(c -> walked.add(c.contactName()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        List<String> expected = db.sql("SELECT name FROM leads WHERE campaign_id = :c ORDER BY name, id").bind("c", campaign)
                .map(row -> row.get("name", String.class)).all().collectList().block();
        assertThat(walked).isEqualTo(expected).hasSize(5);
        assertThat(pages).isEqualTo(3);
        http.get().uri(URL + "?campaignId=nope&status=HOT").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("campaignId", "status"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        LeadSnapshot existing = create("{\"source\": \"WEB\", \"contactName\": \"Hostile Target\"}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("contactName", "\"Li Wei\"");
        valid.put("source", "\"WEB\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("contactName", "source", "campaignId", "company", "title", "email", "phone", "status",
                        "disqualifiedReason", "ownerId"),
                (field, value) -> value.equals("\"x\"") && List.of("contactName", "company", "title").contains(field),
                List.of("status", "source", "campaignId", "ownerId", "q", "sort", "order"),
                Map.entry("phone", "\"12345\""));
        for (String body : List.of("{\"accountName\": 5}", "{\"existingAccountId\": \"nope\"}",
                "{\"accountName\": \"A\", \"existingAccountId\": \"" + UUID.randomUUID() + "\"}",
                "{\"opportunity\": {\"name\": \"O\"}}", "{\"opportunity\": {\"name\": \"O\", \"amount\": -1}}",
                "{\"opportunity\": []}", "{\"accountName\": \"" + "A".repeat(201) + "\"}", "{\"x\": 1}", "[]", "",
                "{\"existingAccountId\": \"" + UUID.randomUUID() + "\"}", "{\"version\": 0}")) {
            requests.add(new HostileRequests.Request(org.springframework.http.HttpMethod.POST,
                    URL + "/" + existing.id() + "/convert", body));
        }
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM leads) * 1000000 + (SELECT count(*) FROM lead_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM leads) * 1000000000 "
                + "+ (SELECT count(*) FROM accounts) + (SELECT count(*) FROM contacts) + (SELECT count(*) FROM opportunities)";

        api.assertAllRefused(requests, fingerprint);
    }
}
