package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.crud.EntityClient;
import com.pulse.api.crud.EventTap;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunityLine;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.ProductSnapshot;
import com.pulse.events.Topics;
import java.math.BigDecimal;
import java.util.List;
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
 * Source, competitors, the forecast-category override of METRICS.md and product lines of
 * opportunities, on devstack: what is stored, what the event carries, what history records,
 * and that a refused change leaves the deal as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OpportunityDetailsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OpportunityDetailsIntegrationTests.class);
    static final String URL = "/api/v1/opportunities";

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
    EntityClient products;

    @BeforeEach
    void client() {
        api = new EntityClient(http, db, URL);
        products = new EntityClient(http, db, "/api/v1/products");
        http = api.http();
    }

    @BeforeAll
    static void subscribe() {
        events = new EventTap(NS.kafkaBootstrap(), NS.topicPrefix() + ".details-tests", Topics.OPPORTUNITIES.qualified(NS.topicPrefix()));
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Deal(UUID id, String stage, BigDecimal amount, String currency, BigDecimal amountBase, String forecastCategory,
                String source, List<String> competitors, List<OpportunityLine> lines, long version) {
    }

    private Deal create(String json) {
        return api.create(json, Deal.class);
    }

    private ProductSnapshot product(String json) {
        return products.create(json, ProductSnapshot.class);
    }

    /** One version's history as "field:old>new"; the opportunity history is a plain JSON array. */
    private List<String> history(UUID id, long version) {
        return http.get().uri(URL + "/" + id + "/history").exchange().expectStatus().isOk()
                .expectBodyList(HistoryEntry.class).returnResult().getResponseBody().stream()
                .filter(h -> h.version() == version)
                .map(h -> h.field() + ":" + (h.from() == null ? "" : h.from()) + ">" + (h.to() == null ? "" : h.to()))
                .toList();
    }

    private WebTestClient.ResponseSpec putLines(UUID id, String json) {
        return http.put().uri(URL + "/" + id + "/lines").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    @Test
    void sourceCompetitorsAndACategoryOverrideAreStoredPublishedAndRecorded() {
        Deal deal = create("""
                {"name": "Cloud rollout", "amount": 500000, "stage": "QUALIFICATION", "forecastCategory": "COMMIT",
                 "source": "REFERRAL", "competitors": [" Acme ", "金山云"]}""");

        assertThat(deal.forecastCategory()).isEqualTo("COMMIT");
        assertThat(deal.source()).isEqualTo("REFERRAL");
        assertThat(deal.competitors()).containsExactly("Acme", "金山云");
        OpportunitySnapshot published = events.await(deal.id(), 1, OpportunityChanged.class).event().snapshot();
        assertThat(published.forecastCategory()).isEqualTo("COMMIT");
        assertThat(published.source()).isEqualTo("REFERRAL");
        assertThat(published.competitors()).containsExactly("Acme", "金山云");
        assertThat(published.lines()).isEmpty();
        assertThat(history(deal.id(), 1)).contains("source:>REFERRAL", "competitors:>Acme, 金山云", "forecastCategory:>COMMIT");

        // Another change keeps the override; a stage move resets it to the new stage's default.
        Deal renamed = api.patch(deal.id(), "{\"name\": \"Cloud rollout 2\", \"competitors\": []}").expectStatus().isOk()
                .expectBody(Deal.class).returnResult().getResponseBody();
        assertThat(renamed.forecastCategory()).isEqualTo("COMMIT");
        assertThat(renamed.competitors()).isEmpty();
        assertThat(history(deal.id(), 2)).contains("competitors:Acme, 金山云>");
        Deal moved = http.post().uri(URL + "/" + deal.id() + "/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"PROPOSAL\"}").exchange().expectStatus().isOk()
                .expectBody(Deal.class).returnResult().getResponseBody();
        assertThat(moved.forecastCategory()).isEqualTo("BEST_CASE");
        assertThat(events.await(deal.id(), 3, OpportunityChanged.class).event().snapshot().forecastCategory()).isEqualTo("BEST_CASE");
    }

    @Test
    void categoriesThatContradictTheStageAreRefused() {
        api.post("{\"name\": \"Won\", \"amount\": 1, \"stage\": \"CLOSED_WON\", \"forecastCategory\": \"COMMIT\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("forecastCategory")
                .jsonPath("$.errors[0].reason").isEqualTo("a CLOSED_WON deal is always CLOSED");
        Deal open = create("{\"name\": \"Open\", \"amount\": 1}");
        api.patch(open.id(), "{\"forecastCategory\": \"CLOSED\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].reason").isEqualTo("only won deals are CLOSED");
        api.patch(open.id(), "{\"stage\": \"CLOSED_LOST\", \"forecastCategory\": \"PIPELINE\"}").expectStatus().isBadRequest();
        api.patch(open.id(), "{\"forecastCategory\": \"OMITTED\"}").expectStatus().isOk();
        api.post("{\"name\": \"X\", \"amount\": 1, \"competitors\": [\"A\", \"a\"]}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("competitors[1]");
        api.post("{\"name\": \"X\", \"amount\": 1, \"source\": \"TV\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("source");
        assertThat(api.count("SELECT version FROM opportunities WHERE id = '" + open.id() + "'")).isEqualTo(2);
    }

    @Test
    void productLinesSetTheAmountAndTravelWithTheEvent() {
        ProductSnapshot server = product("{\"code\": \"SRV-" + System.nanoTime() + "\", \"name\": \"Server\", \"category\": \"Hardware\", \"listPrice\": 4000}");
        ProductSnapshot support = product("{\"code\": \"SUP-" + System.nanoTime() + "\", \"name\": \"Support\", \"category\": \"Services\", "
                + "\"listPrice\": 99.99, \"currency\": \"USD\"}");
        Deal deal = create("{\"name\": \"Rack deal\", \"amount\": 1, \"currency\": \"CNY\"}");

        Deal withLines = putLines(deal.id(), """
                {"lines": [{"productId": "%s", "quantity": 2.5, "discountPercent": 12.5},
                           {"productId": "%s", "quantity": 3, "unitPrice": 700.10}], "version": 1}"""
                .formatted(server.id(), support.id()))
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody(Deal.class).returnResult().getResponseBody();

        // 2.5 × 4000.00 × 0.875 = 8750.00; 3 × 700.10 = 2100.30
        assertThat(withLines.lines()).extracting(OpportunityLine::amount)
                .containsExactly(new BigDecimal("8750.00"), new BigDecimal("2100.30"));
        assertThat(withLines.amount()).isEqualTo(new BigDecimal("10850.30"));
        assertThat(withLines.amountBase()).isEqualTo(new BigDecimal("10850.30"));
        assertThat(withLines.lines().get(0).productName()).isEqualTo("Server");
        assertThat(withLines.lines().get(0).category()).isEqualTo("Hardware");
        OpportunitySnapshot published = events.await(deal.id(), 2, OpportunityChanged.class).event().snapshot();
        assertThat(published.lines()).isEqualTo(withLines.lines());
        assertThat(published.amount()).isEqualTo(new BigDecimal("10850.30"));
        assertThat(history(deal.id(), 2)).contains("amount:1.00>10850.30")
                .anyMatch(h -> h.startsWith("lines:>" + server.code() + " 2.5 × 4000.00 −12.5% = 8750.00; "));
        http.get().uri(URL + "/" + deal.id()).exchange().expectStatus().isOk()
                .expectBody(Deal.class).value(d -> assertThat(d.lines()).isEqualTo(withLines.lines()));

        // Without updateAmount the amount stays; an empty list removes the lines and keeps the amount.
        Deal kept = putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + server.id() + "\", \"quantity\": 1}], \"updateAmount\": false}")
                .expectStatus().isOk().expectBody(Deal.class).returnResult().getResponseBody();
        assertThat(kept.amount()).isEqualTo(new BigDecimal("10850.30"));
        Deal cleared = putLines(deal.id(), "{\"lines\": []}").expectStatus().isOk().expectBody(Deal.class).returnResult().getResponseBody();
        assertThat(cleared.lines()).isEmpty();
        assertThat(cleared.amount()).isEqualTo(new BigDecimal("10850.30"));
        assertThat(events.await(deal.id(), 4, OpportunityChanged.class).event().snapshot().lines()).isEmpty();
    }

    record Listed(List<Deal> items, String nextCursor) {
    }

    private Listed list(String query) {
        return http.get().uri(URL + "?" + query).exchange().expectStatus().isOk()
                .expectBody(Listed.class).returnResult().getResponseBody();
    }

    @Test
    void listsFilterByCategorySourceCloseDateAndNameAndSortByNameWithACursor() {
        String tag = "F" + System.nanoTime();
        Deal a = create("{\"name\": \"" + tag + " beta\", \"amount\": 1, \"source\": \"WEB\", \"expectedCloseDate\": \"2027-01-15\"}");
        Deal b = create("{\"name\": \"" + tag + " Alpha\", \"amount\": 1, \"source\": \"EVENT\", \"expectedCloseDate\": \"2027-02-15\", "
                + "\"forecastCategory\": \"COMMIT\"}");
        Deal c = create("{\"name\": \"" + tag + " gamma\", \"amount\": 1, \"source\": \"WEB\", \"expectedCloseDate\": \"2027-03-15\"}");

        assertThat(list("q=" + tag.toLowerCase() + "&sort=name").items()).extracting(Deal::id).containsExactly(b.id(), a.id(), c.id());
        assertThat(list("q=" + tag + "&source=WEB").items()).extracting(Deal::id).containsExactlyInAnyOrder(a.id(), c.id());
        assertThat(list("q=" + tag + "&forecastCategory=COMMIT").items()).extracting(Deal::id).containsExactly(b.id());
        assertThat(list("q=" + tag + "&closeFrom=2027-02-01&closeTo=2027-03-15").items()).extracting(Deal::id)
                .containsExactlyInAnyOrder(b.id(), c.id());
        Listed first = list("q=" + tag + "&sort=name&order=desc&limit=2");
        assertThat(first.items()).extracting(Deal::id).containsExactly(c.id(), a.id());
        assertThat(list("q=" + tag + "&sort=name&order=desc&limit=2&cursor=" + first.nextCursor()).items())
                .extracting(Deal::id).containsExactly(b.id());
        http.get().uri(URL + "?closeFrom=2027-13-01&closeTo=2026-01-01&source=TV&ownerId=x&sort=amount").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].field").value(f -> assertThat(f.toString()).contains("closeFrom", "source", "ownerId", "sort"));
    }

    @Test
    void linesWithUnknownOrForeignPricedProductsAreRefusedAndChangeNothing() {
        ProductSnapshot usd = product("{\"code\": \"USD-" + System.nanoTime() + "\", \"name\": \"Imported\", \"listPrice\": 10, \"currency\": \"USD\"}");
        ProductSnapshot retired = product("{\"code\": \"OLD-" + System.nanoTime() + "\", \"name\": \"Retired\", \"listPrice\": 10, \"active\": false}");
        Deal deal = create("{\"name\": \"Refusals\", \"amount\": 5}");
        String before = "SELECT version * 1000 + jsonb_array_length(lines) FROM opportunities WHERE id = '" + deal.id() + "'";
        long fingerprint = api.count(before);

        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + UUID.randomUUID() + "\", \"quantity\": 1}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lines[0].productId");
        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + usd.id() + "\", \"quantity\": 1}]}")
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("lines[0].unitPrice")
                .jsonPath("$.errors[0].reason").value(r -> assertThat(r.toString()).contains("USD", "CNY"));
        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + retired.id() + "\", \"quantity\": 1}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].reason").value(r -> assertThat(r.toString()).contains("no longer sold"));
        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + usd.id() + "\", \"quantity\": 0, \"unitPrice\": 1.005, \"discountPercent\": 101}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors.length()").isEqualTo(3);
        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + usd.id() + "\", \"quantity\": 1000000000, \"unitPrice\": 100000000000000}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lines");
        putLines(deal.id(), "{}").expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lines");
        putLines(deal.id(), "{\"lines\": [], \"version\": 7}").expectStatus().isEqualTo(409);
        putLines(UUID.randomUUID(), "{\"lines\": []}").expectStatus().isNotFound();

        assertThat(api.count(before)).isEqualTo(fingerprint);
        // With an explicit price in the deal's currency the foreign-priced product is fine.
        putLines(deal.id(), "{\"lines\": [{\"productId\": \"" + usd.id() + "\", \"quantity\": 2, \"unitPrice\": 71}]}")
                .expectStatus().isOk().expectBody().jsonPath("$.amount").isEqualTo(142.0);
    }
}
