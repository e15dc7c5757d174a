package com.pulse.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CampaignChanged;
import com.pulse.events.CampaignSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Topics;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The campaign API on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.campaigns.v1, the recycle bin, optimistic locking, amounts and period rules, all-or-nothing
 * transactions, list filters and paging, and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CampaignIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(CampaignIntegrationTests.class);
    static final String URL = "/api/v1/campaigns";

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
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".campaign-tests", Topics.CAMPAIGNS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<CampaignSnapshot> items, String nextCursor) {
    }

    private CampaignSnapshot create(String json) {
        return api.create(json, CampaignSnapshot.class);
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshot() {
        EntityExchangeResult<CampaignSnapshot> result = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"name": " 春季展会 2027 ", "channel": "EVENT", "budget": 120000.5, "actualCost": 0,
                         "startDate": "2027-03-01", "endDate": "2027-03-31"}""")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(CampaignSnapshot.class).returnResult();
        CampaignSnapshot body = result.getResponseBody();

        assertThat(result.getResponseHeaders().getLocation()).hasToString(URL + "/" + body.id());
        assertThat(body).isEqualTo(new CampaignSnapshot(body.id(), "春季展会 2027", "EVENT", new BigDecimal("120000.50"),
                new BigDecimal("0.00"), LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31), "PLANNED",
                body.createdAt(), body.createdAt(), false, 1));

        EventTap.Received<CampaignChanged> received = events.await(body.id(), 1, CampaignChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.campaigns.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(CampaignChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().actor()).isEqualTo(tokens.adminId().toString());
        assertThat(received.event().snapshot()).isEqualTo(body);

        http.get().uri(URL + "/" + body.id()).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(CampaignSnapshot.class).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).hasSize(7).contains("budget:>120000.50", "status:>PLANNED");
    }

    @Test
    void updatingPublishesVersionTwoAndRecordsEachChangedField() {
        CampaignSnapshot created = create("{\"name\": \"Webinar\", \"channel\": \"WEB\", \"budget\": 5000}");

        CampaignSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"")
                .bodyValue("{\"status\": \"ACTIVE\", \"budget\": 5000.00, \"actualCost\": 1234.56}")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(CampaignSnapshot.class).returnResult().getResponseBody();

        assertThat(updated.version()).isEqualTo(2);
        assertThat(updated.actualCost()).isEqualTo(new BigDecimal("1234.56"));
        CampaignChanged event = events.await(created.id(), 2, CampaignChanged.class).event();
        assertThat(event.operation()).isEqualTo(Operation.UPDATED);
        assertThat(event.snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("actualCost:>1234.56", "status:PLANNED>ACTIVE");
    }

    @Test
    void deletingMovesToTheRecycleBinAndRestoringBringsItBack() {
        CampaignSnapshot created = create("{\"name\": \"Binned SMS\", \"channel\": \"SMS\"}");

        CampaignSnapshot deleted = http.delete().uri(URL + "/" + created.id()).exchange()
                .expectStatus().isOk().expectBody(CampaignSnapshot.class).returnResult().getResponseBody();
        assertThat(deleted.deleted()).isTrue();
        assertThat(events.await(created.id(), 2, CampaignChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        api.patch(created.id(), "{\"name\": \"x\"}").expectStatus().isNotFound();
        assertThat(page("q=Binned SMS").items()).isEmpty();
        http.delete().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();

        CampaignSnapshot restored = http.post().uri(URL + "/" + created.id() + "/restore").header("If-Match", "\"2\"").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(CampaignSnapshot.class).returnResult().getResponseBody();
        CampaignChanged restoration = events.await(created.id(), 3, CampaignChanged.class).event();
        assertThat(restoration.operation()).isEqualTo(Operation.RESTORED);
        assertThat(restoration.snapshot()).isEqualTo(restored);
        assertThat(page("q=Binned SMS").items()).extracting(CampaignSnapshot::id).containsExactly(created.id());
        assertThat(api.history(created.id(), 2)).containsExactly("deleted:false>true");
        assertThat(api.history(created.id(), 3)).containsExactly("deleted:true>false");
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        CampaignSnapshot created = create("{\"name\": \"Stale\", \"channel\": \"EMAIL\"}");
        api.patch(created.id(), "{\"budget\": 10, \"version\": 1}").expectStatus().isOk();

        api.patch(created.id(), "{\"budget\": 20, \"version\": 1}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(2);
        http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"1\"")
                .bodyValue("{\"budget\": 20}").exchange().expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).header("If-Match", "\"1\"").exchange().expectStatus().isEqualTo(409);

        CampaignSnapshot now = http.get().uri(URL + "/" + created.id()).exchange()
                .expectBody(CampaignSnapshot.class).returnResult().getResponseBody();
        assertThat(now.version()).isEqualTo(2);
        assertThat(now.budget()).isEqualTo(new BigDecimal("10.00"));
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void thePeriodMustRunForwardsAlsoAgainstTheStoredDates() {
        CampaignSnapshot created = create("{\"name\": \"Period\", \"channel\": \"SOCIAL\", \"startDate\": \"2027-05-01\", "
                + "\"endDate\": \"2027-05-31\"}");

        api.patch(created.id(), "{\"endDate\": \"2027-04-30\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("endDate");
        api.patch(created.id(), "{\"startDate\": \"2027-05-31\"}").expectStatus().isOk();
        assertThat(api.count("SELECT version FROM campaigns WHERE id = '" + created.id() + "'")).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name             | "channel": "EMAIL"                                       | name
            name of 201 chars        | "channel": "EMAIL", "name": "%s"                         | name
            missing channel          | "name": "C"                                              | channel
            unknown channel          | "name": "C", "channel": "TV"                             | channel
            lower-case channel       | "name": "C", "channel": "email"                          | channel
            negative budget          | "name": "C", "channel": "EMAIL", "budget": -0.01         | budget
            three decimals           | "name": "C", "channel": "EMAIL", "budget": 1.005         | budget
            huge cost                | "name": "C", "channel": "EMAIL", "actualCost": 1e20      | actualCost
            negative cost            | "name": "C", "channel": "EMAIL", "actualCost": -5        | actualCost
            budget as text           | "name": "C", "channel": "EMAIL", "budget": "lots"        | budget
            end before start         | "name": "C", "channel": "EMAIL", "startDate": "2027-02-02", "endDate": "2027-02-01" | endDate
            impossible date          | "name": "C", "channel": "EMAIL", "startDate": "2027-02-30" | startDate
            unknown status           | "name": "C", "channel": "EMAIL", "status": "DONE"        | status
            unknown field            | "name": "C", "channel": "EMAIL", "owner": "me"           | owner
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String fields, String expected) {
        api.post("{" + fields.formatted("N".repeat(201)) + "}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        CampaignSnapshot existing = create("{\"name\": \"Rollback Probe\", \"channel\": \"OTHER\"}");
        long campaigns = api.count("SELECT count(*) FROM campaigns");
        long history = api.count("SELECT count(*) FROM campaign_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"name\": \"Never stored\", \"channel\": \"WEB\"}").expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
            api.patch(existing.id(), "{\"budget\": 1}").expectStatus().is5xxServerError();
            http.delete().uri(URL + "/" + existing.id()).exchange().expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM campaigns")).isEqualTo(campaigns);
        assertThat(api.count("SELECT count(*) FROM campaigns WHERE name = 'Never stored'")).isZero();
        assertThat(api.count("SELECT count(*) FROM campaign_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
        assertThat(api.count("SELECT version FROM campaigns WHERE id = '" + existing.id() + "' AND deleted_at IS NULL AND budget IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void listsFilterByChannelStatusAndNameAndPageWithACursor() {
        String tag = "L" + System.nanoTime();
        List<CampaignSnapshot> created = new ArrayList<>();
        for (String name : List.of("Wei mail", "anna sms", "Bo mail", "Wei web", "carl mail")) {
            String channel = name.endsWith("mail") ? "EMAIL" : name.endsWith("sms") ? "SMS" : "WEB";
            created.add(create("{\"name\": \"" + tag + " " + name + "\", \"channel\": \"" + channel + "\"}"));
        }
        api.patch(created.get(0).id(), "{\"status\": \"ACTIVE\"}").expectStatus().isOk();

        assertThat(page("q=" + tag).items()).hasSize(5)
                .extracting(CampaignSnapshot::name).startsWith(tag + " carl mail"); // newest first by default
        assertThat(page("q=" + tag + "&channel=EMAIL&sort=name").items()).extracting(CampaignSnapshot::name)
                .containsExactly(tag + " Bo mail", tag + " Wei mail", tag + " carl mail");
        assertThat(page("q=" + tag + "&status=ACTIVE").items()).extracting(CampaignSnapshot::id).containsExactly(created.get(0).id());
        assertThat(page("q=" + tag.toLowerCase() + " WEI").items()).hasSize(2);

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Page p = page("q=" + tag + "&sort=name&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            p.items().forEach(c -> walked.add(c.name()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null && pages < 10);
        List<String> expected = db.sql("SELECT name FROM campaigns WHERE strpos(name, :t) > 0 ORDER BY name, id").bind("t", tag)
                .map(row -> row.get("name", String.class)).all().collectList().block();
        assertThat(walked).isEqualTo(expected).hasSize(5);
        assertThat(pages).isEqualTo(3);

        http.get().uri(URL + "?channel=TV&limit=0").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("channel", "limit"));
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        CampaignSnapshot existing = create("{\"name\": \"Hostile Target\", \"channel\": \"EMAIL\"}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("name", "\"Spring push\"");
        valid.put("channel", "\"EMAIL\"");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "channel", "budget", "actualCost", "startDate", "endDate", "status"),
                (field, value) -> (value.equals("\"x\"") && field.equals("name"))
                        || (value.equals("1.5") && List.of("budget", "actualCost").contains(field)),
                List.of("channel", "status", "q", "sort", "order"),
                Map.entry("channel", "\"TV\""));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM campaigns) * 1000000 + (SELECT count(*) FROM campaign_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM campaigns) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
