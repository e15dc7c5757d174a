package com.pulse.api.product;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.crud.HostileRequests;
import com.pulse.api.crud.OutboxRefusal;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.Operation;
import com.pulse.events.ProductChanged;
import com.pulse.events.ProductSnapshot;
import com.pulse.events.Topics;
import java.math.BigDecimal;
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
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The product catalogue on devstack's Postgres and Kafka: what each change stores and publishes on
 * crm.products.v1, unique codes, currencies from the rate table, the recycle bin, optimistic
 * locking, all-or-nothing transactions, list filters and hostile input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProductIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ProductIntegrationTests.class);
    static final String URL = "/api/v1/products";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    static EventTap events;

    WebTestClient http;

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
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".product-tests", Topics.PRODUCTS.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    record Page(List<ProductSnapshot> items, String nextCursor) {
    }

    private ProductSnapshot create(String json) {
        return api.create(json, ProductSnapshot.class);
    }

    private Page page(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Page.class).returnResult().getResponseBody();
    }

    @Test
    void creatingPublishesVersionOneWithTheFullSnapshotInTheBaseCurrencyByDefault() {
        ProductSnapshot body = http.post().uri(URL).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\": \"SRV-100\", \"name\": \" 服务器 Rack 100 \", \"category\": \"Hardware\", \"listPrice\": 45999.9}")
                .exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody(ProductSnapshot.class).returnResult().getResponseBody();

        assertThat(body).isEqualTo(new ProductSnapshot(body.id(), "SRV-100", "服务器 Rack 100", "Hardware",
                new BigDecimal("45999.90"), "CNY", true, body.createdAt(), body.createdAt(), false, 1));
        EventTap.Received<ProductChanged> received = events.await(body.id(), 1, ProductChanged.class);
        assertThat(received.record().topic()).isEqualTo(NS.topicPrefix() + ".crm.products.v1");
        assertThat(received.record().key()).isEqualTo(body.id().toString());
        assertThat(received.header("ce_type")).isEqualTo(ProductChanged.TYPE);
        assertThat(received.event().operation()).isEqualTo(Operation.CREATED);
        assertThat(received.event().snapshot()).isEqualTo(body);
        assertThat(api.history(body.id(), 1)).contains("code:>SRV-100", "listPrice:>45999.90", "active:>true");
    }

    @Test
    void updatingDeletingAndRestoringEachPublishTheNextVersion() {
        ProductSnapshot created = create("{\"code\": \"LIC-1\", \"name\": \"Licence\", \"listPrice\": 100, \"currency\": \"USD\"}");

        ProductSnapshot updated = http.patch().uri(URL + "/" + created.id()).contentType(MediaType.APPLICATION_JSON)
                .header("If-Match", "\"1\"").bodyValue("{\"listPrice\": 120.50, \"active\": false}")
                .exchange().expectStatus().isOk().expectBody(ProductSnapshot.class).returnResult().getResponseBody();
        assertThat(updated.listPrice()).isEqualTo(new BigDecimal("120.50"));
        assertThat(updated.active()).isFalse();
        assertThat(events.await(created.id(), 2, ProductChanged.class).event().snapshot()).isEqualTo(updated);
        assertThat(api.history(created.id(), 2)).containsExactly("listPrice:100.00>120.50", "active:true>false");

        http.delete().uri(URL + "/" + created.id()).exchange().expectStatus().isOk();
        assertThat(events.await(created.id(), 3, ProductChanged.class).event().operation()).isEqualTo(Operation.DELETED);
        http.get().uri(URL + "/" + created.id()).exchange().expectStatus().isNotFound();
        http.post().uri(URL + "/" + created.id() + "/restore").exchange().expectStatus().isOk();
        assertThat(events.await(created.id(), 4, ProductChanged.class).event().operation()).isEqualTo(Operation.RESTORED);

        api.patch(created.id(), "{\"name\": \"Stale\", \"version\": 2}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(4);
    }

    @Test
    void codesAreUniqueIgnoringCaseAlsoAgainstTheRecycleBin() {
        ProductSnapshot first = create("{\"code\": \"Uniq-7\", \"name\": \"First\", \"listPrice\": 1}");
        http.delete().uri(URL + "/" + first.id()).exchange().expectStatus().isOk();

        api.post("{\"code\": \"UNIQ-7\", \"name\": \"Second\", \"listPrice\": 1}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code")
                .jsonPath("$.errors[0].reason").isEqualTo("is taken");
        ProductSnapshot other = create("{\"code\": \"OTHER-7\", \"name\": \"Other\", \"listPrice\": 1}");
        api.patch(other.id(), "{\"code\": \"uniq-7\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("code");
        api.patch(other.id(), "{\"code\": \"other-7\"}").expectStatus().isOk();
        assertThat(api.count("SELECT count(*) FROM products WHERE lower(code) = 'uniq-7'")).isEqualTo(1);
    }

    @Test
    void aCurrencyMissingFromTheRateTableIsRefused() {
        api.post("{\"code\": \"XTS-1\", \"name\": \"Test money\", \"listPrice\": 1, \"currency\": \"XTS\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("currency")
                .jsonPath("$.errors[0].reason").isEqualTo("unknown currency XTS");
        assertThat(api.count("SELECT count(*) FROM products WHERE code = 'XTS-1'")).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing code        | "name": "P", "listPrice": 1                      | code
            code with space     | "code": "A B", "name": "P", "listPrice": 1       | code
            code of 65 chars    | "code": "%s", "name": "P", "listPrice": 1        | code
            missing name        | "code": "C1", "listPrice": 1                     | name
            missing price       | "code": "C1", "name": "P"                        | listPrice
            negative price      | "code": "C1", "name": "P", "listPrice": -1       | listPrice
            three decimals      | "code": "C1", "name": "P", "listPrice": 1.005    | listPrice
            lower-case currency | "code": "C1", "name": "P", "listPrice": 1, "currency": "cny" | currency
            active as text      | "code": "C1", "name": "P", "listPrice": 1, "active": "yes"  | active
            unknown field       | "code": "C1", "name": "P", "listPrice": 1, "sku": 1         | sku
            """)
    void invalidFieldsAreProblemsNamingTheField(String name, String fields, String expected) {
        api.post("{" + fields.formatted("C".repeat(65)) + "}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(expected)
                .jsonPath("$.errors[0].reason").isNotEmpty();
    }

    @Test
    void aFailureInsideTheTransactionLeavesNoRowNoHistoryAndNoOutboxRow() {
        long products = api.count("SELECT count(*) FROM products");
        long history = api.count("SELECT count(*) FROM product_history");
        long outbox = api.count("SELECT count(*) FROM outbox");
        OutboxRefusal.during(db, () -> {
            api.post("{\"code\": \"NEVER-1\", \"name\": \"Never stored\", \"listPrice\": 1}").expectStatus().is5xxServerError();
        });

        assertThat(api.count("SELECT count(*) FROM products")).isEqualTo(products);
        assertThat(api.count("SELECT count(*) FROM product_history")).isEqualTo(history);
        assertThat(api.count("SELECT count(*) FROM outbox")).isEqualTo(outbox);
    }

    @Test
    void listsFilterByCategoryActiveAndNameOrCode() {
        String tag = "T" + System.nanoTime();
        create("{\"code\": \"" + tag + "-A\", \"name\": \"Alpha\", \"category\": \"" + tag + "\", \"listPrice\": 1}");
        ProductSnapshot b = create("{\"code\": \"" + tag + "-B\", \"name\": \"Beta\", \"category\": \"" + tag + "\", \"listPrice\": 2}");
        create("{\"code\": \"Z" + tag + "\", \"name\": \"Gamma " + tag + "\", \"listPrice\": 3}");
        api.patch(b.id(), "{\"active\": false}").expectStatus().isOk();

        assertThat(page("category=" + tag + "&sort=name").items()).extracting(ProductSnapshot::name).containsExactly("Alpha", "Beta");
        assertThat(page("category=" + tag + "&active=false").items()).extracting(ProductSnapshot::id).containsExactly(b.id());
        assertThat(page("q=" + tag.toLowerCase()).items()).hasSize(3);
        http.get().uri(URL + "?active=maybe").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("active");
    }

    @Test
    void hostileRequestsAreRefusedWithoutA5xxAndChangeNothing() {
        ProductSnapshot existing = create("{\"code\": \"HOSTILE-1\", \"name\": \"Hostile target\", \"listPrice\": 1}");
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("name", "\"Probe\"");
        valid.put("code", "\"PROBE-1\"");
        valid.put("listPrice", "10");
        List<HostileRequests.Request> requests = HostileRequests.build(URL, existing.id(), valid,
                List.of("name", "code", "category", "listPrice", "currency", "active"),
                (field, value) -> (value.equals("\"x\"") && List.of("name", "code", "category").contains(field))
                        || (value.equals("1.5") && field.equals("listPrice"))
                        || (value.equals("true") && field.equals("active")),
                List.of("category", "active", "q", "sort", "order"),
                Map.entry("listPrice", "-1"));
        assertThat(requests).hasSizeGreaterThanOrEqualTo(200);
        String fingerprint = "SELECT (SELECT count(*) FROM products) * 1000000 + (SELECT count(*) FROM product_history) * 1000 "
                + "+ (SELECT count(*) FROM outbox) + (SELECT coalesce(sum(version), 0) FROM products) * 1000000000";

        api.assertAllRefused(requests, fingerprint);
    }
}
