package com.pulse.api.lead;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.AccountChanged;
import com.pulse.events.ContactChanged;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Topics;
import java.math.BigDecimal;
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

/**
 * {@code POST /api/v1/leads/{id}/convert} on devstack: the account, contact and opportunity it
 * creates and the CONVERTED lead are one transaction, each with its history and its event on its
 * own topic; a failure at the very last write leaves none of them; a converted lead is final.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class LeadConversionIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(LeadConversionIntegrationTests.class);
    static final String URL = "/api/v1/leads";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    static EventTap leads;
    static EventTap accounts;
    static EventTap contacts;
    static EventTap opportunities;

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
        String prefix = NS.topicPrefix();
        leads = new EventTap(NS.kafkaBootstrap(), prefix + ".conv-leads", Topics.LEADS.qualified(prefix));
        accounts = new EventTap(NS.kafkaBootstrap(), prefix + ".conv-accounts", Topics.ACCOUNTS.qualified(prefix));
        contacts = new EventTap(NS.kafkaBootstrap(), prefix + ".conv-contacts", Topics.CONTACTS.qualified(prefix));
        opportunities = new EventTap(NS.kafkaBootstrap(), prefix + ".conv-opps", Topics.OPPORTUNITIES.qualified(prefix));
    }

    @AfterAll
    static void close() {
        leads.close();
        accounts.close();
        contacts.close();
        opportunities.close();
    }

    private LeadSnapshot lead(String json) {
        return api.create(json, LeadSnapshot.class);
    }

    private WebTestClient.ResponseSpec convert(UUID id, String json) {
        return http.post().uri(URL + "/" + id + "/convert").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private String tableCounts() {
        return String.join(",", List.of("accounts", "account_history", "contacts", "contact_history", "opportunities",
                "opportunity_history", "leads", "lead_history", "outbox").stream()
                .map(t -> t + "=" + api.count("SELECT count(*) FROM " + t)).toList());
    }

    @Test
    void convertingCreatesAccountContactAndOpportunityWithTheirEventsInOneGo() {
        UUID owner = api.aUser("Chen Jing");
        LeadSnapshot created = lead("""
                {"source": "EVENT", "company": "华信科技", "contactName": "王芳", "title": "CIO",
                 "email": "wang.fang@huaxin.example.cn", "phone": "+8613812345678", "ownerId": "%s"}""".formatted(owner));
        api.patch(created.id(), "{\"status\": \"QUALIFIED\"}").expectStatus().isOk();

        LeadSnapshot converted = convert(created.id(), """
                {"opportunity": {"name": "华信 ERP", "amount": 250000, "stage": "QUALIFICATION", "expectedCloseDate": "2027-06-30"},
                 "version": 2}""")
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody(LeadSnapshot.class).returnResult().getResponseBody();

        assertThat(converted.status()).isEqualTo("CONVERTED");
        assertThat(converted.convertedAt()).isNotNull();
        assertThat(converted.convertedAccountId()).isNotNull();
        assertThat(converted.convertedContactId()).isNotNull();
        assertThat(converted.convertedOpportunityId()).isNotNull();

        LeadChanged leadEvent = leads.await(created.id(), 3, LeadChanged.class).event();
        assertThat(leadEvent.operation()).isEqualTo(Operation.UPDATED);
        assertThat(leadEvent.snapshot()).isEqualTo(converted);

        AccountChanged account = accounts.await(converted.convertedAccountId(), 1, AccountChanged.class).event();
        assertThat(account.operation()).isEqualTo(Operation.CREATED);
        assertThat(account.snapshot().name()).isEqualTo("华信科技");
        assertThat(account.snapshot().ownerId()).isEqualTo(owner);
        http.get().uri("/api/v1/accounts/" + account.aggregateId()).exchange().expectStatus().isOk()
                .expectBody(Map.class).value(a -> assertThat(a.get("name")).isEqualTo("华信科技"));

        ContactChanged contact = contacts.await(converted.convertedContactId(), 1, ContactChanged.class).event();
        assertThat(contact.snapshot().accountId()).isEqualTo(account.aggregateId());
        assertThat(contact.snapshot().name()).isEqualTo("王芳");
        assertThat(contact.snapshot().phone()).isEqualTo("+8613812345678");
        assertThat(contact.snapshot().email()).isEqualTo("wang.fang@huaxin.example.cn");
        http.get().uri("/api/v1/contacts/" + contact.aggregateId()).exchange().expectStatus().isOk();

        OpportunityChanged opportunity = opportunities.await(converted.convertedOpportunityId(), 1, OpportunityChanged.class).event();
        assertThat(opportunity.snapshot().accountId()).isEqualTo(account.aggregateId());
        assertThat(opportunity.snapshot().ownerId()).isEqualTo(owner);
        assertThat(opportunity.snapshot().stage()).isEqualTo("QUALIFICATION");
        assertThat(opportunity.snapshot().amount()).isEqualByComparingTo(new BigDecimal("250000"));

        assertThat(api.history(created.id(), 3)).contains("status:QUALIFIED>CONVERTED",
                "convertedAccountId:>" + account.aggregateId(), "convertedContactId:>" + contact.aggregateId(),
                "convertedOpportunityId:>" + opportunity.aggregateId());
        assertThat(api.count("SELECT count(*) FROM account_history WHERE account_id = '" + account.aggregateId() + "'")).isEqualTo(4);
        assertThat(api.count("SELECT count(*) FROM contact_history WHERE contact_id = '" + contact.aggregateId() + "'")).isEqualTo(6);
        assertThat(api.count("SELECT count(*) FROM opportunity_history WHERE opportunity_id = '" + opportunity.aggregateId() + "'"))
                .isPositive();

        // Converted is final: converting again, editing and binning are refused and change nothing.
        String before = tableCounts();
        convert(created.id(), "{}").expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        api.patch(created.id(), "{\"title\": \"CEO\"}").expectStatus().isEqualTo(409);
        http.delete().uri(URL + "/" + created.id()).exchange().expectStatus().isEqualTo(409);
        assertThat(tableCounts()).isEqualTo(before);
    }

    @Test
    void convertingIntoAnExistingAccountWithoutAnOpportunity() {
        UUID account = UUID.fromString(http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Existing Group\"}").exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
        LeadSnapshot created = lead("{\"source\": \"REFERRAL\", \"contactName\": \"Li Na\"}");
        long accountsBefore = api.count("SELECT count(*) FROM accounts");

        LeadSnapshot converted = http.post().uri(URL + "/" + created.id() + "/convert").contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue("{\"existingAccountId\": \"" + account + "\"}").exchange()
                .expectStatus().isOk().expectBody(LeadSnapshot.class).returnResult().getResponseBody();

        assertThat(converted.convertedAccountId()).isEqualTo(account);
        assertThat(converted.convertedOpportunityId()).isNull();
        assertThat(api.count("SELECT count(*) FROM accounts")).isEqualTo(accountsBefore);
        assertThat(contacts.await(converted.convertedContactId(), 1, ContactChanged.class).event().snapshot().accountId())
                .isEqualTo(account);
        assertThat(leads.await(created.id(), 2, LeadChanged.class).event().snapshot()).isEqualTo(converted);
    }

    @Test
    void twoConcurrentConversionsOfOneLeadMakeOneOfEverything() throws Exception {
        LeadSnapshot created = lead("{\"source\": \"WEB\", \"contactName\": \"Race Probe\", \"company\": \"Race Co\"}");
        String body = "{\"opportunity\": {\"name\": \"Race deal\", \"amount\": 10}}";
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Callable<Integer> attempt = () -> convert(created.id(), body).expectBody().returnResult()
                    .getStatus().value();
            List<Integer> statuses = pool.invokeAll(List.of(attempt, attempt)).stream().map(f -> {
                try {
                    return f.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sorted().toList();
            assertThat(statuses).containsExactly(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(api.count("SELECT count(*) FROM accounts WHERE name = 'Race Co'")).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM contacts WHERE name = 'Race Probe'")).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM opportunities WHERE name = 'Race deal'")).isEqualTo(1);
        assertThat(api.count("SELECT count(*) FROM outbox WHERE aggregate_id = '" + created.id() + "'")).isEqualTo(2);
    }

    @Test
    void refusedConversionsWriteNothing() {
        LeadSnapshot noCompany = lead("{\"source\": \"WEB\", \"contactName\": \"No Company\"}");
        LeadSnapshot disqualified = lead("{\"source\": \"WEB\", \"contactName\": \"Out\", \"company\": \"Out Co\", "
                + "\"status\": \"DISQUALIFIED\"}");
        UUID binnedAccount = UUID.fromString(http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Binned Group\"}").exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString());
        http.delete().uri("/api/v1/accounts/" + binnedAccount).exchange().expectStatus().isOk();
        String before = tableCounts();

        convert(noCompany.id(), "{}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("accountName");
        convert(noCompany.id(), "{\"existingAccountId\": \"" + binnedAccount + "\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("existingAccountId");
        // The opportunity is checked after the account and contact were written: they roll back with it.
        convert(noCompany.id(), "{\"accountName\": \"Half Co\", \"opportunity\": {\"name\": \"Deal\"}}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("opportunity.amount");
        convert(noCompany.id(), "{\"accountName\": \"Half Co\", \"opportunity\": {\"name\": \"Deal\", \"amount\": 5, "
                + "\"stage\": \"NOPE\"}}").expectStatus().isBadRequest();
        convert(disqualified.id(), "{}").expectStatus().isEqualTo(409);
        convert(UUID.randomUUID(), "{}").expectStatus().isNotFound();

        assertThat(tableCounts()).isEqualTo(before);
        assertThat(api.count("SELECT count(*) FROM accounts WHERE name = 'Half Co'")).isZero();
    }

    @Test
    void aFailureAtTheLastWriteLeavesNoAccountContactOpportunityHistoryOrEvent() {
        LeadSnapshot created = lead("{\"source\": \"COLD_CALL\", \"contactName\": \"Rollback Probe\", \"company\": \"Rollback Co\"}");
        String before = tableCounts();
        // The lead's outbox row is the last statement of the conversion: refuse exactly that one.
        OutboxRefusal.during(db, "crm.leads.v1", () ->
            convert(created.id(), "{\"opportunity\": {\"name\": \"Rollback deal\", \"amount\": 1000}}")
                    .expectStatus().is5xxServerError()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON));

        assertThat(tableCounts()).isEqualTo(before);
        assertThat(api.count("SELECT count(*) FROM accounts WHERE name = 'Rollback Co'")).isZero();
        assertThat(api.count("SELECT count(*) FROM contacts WHERE name = 'Rollback Probe'")).isZero();
        assertThat(api.count("SELECT count(*) FROM opportunities WHERE name = 'Rollback deal'")).isZero();
        assertThat(api.count("SELECT version FROM leads WHERE id = '" + created.id() + "' AND status = 'NEW'")).isEqualTo(1);

        // Nothing is left half-done: the same conversion now succeeds from version 1.
        LeadSnapshot converted = convert(created.id(), "{\"opportunity\": {\"name\": \"Rollback deal\", \"amount\": 1000}}")
                .expectStatus().isOk().expectBody(LeadSnapshot.class).returnResult().getResponseBody();
        assertThat(converted.version()).isEqualTo(2);
        assertThat(api.count("SELECT count(*) FROM accounts WHERE name = 'Rollback Co'")).isEqualTo(1);
    }
}
