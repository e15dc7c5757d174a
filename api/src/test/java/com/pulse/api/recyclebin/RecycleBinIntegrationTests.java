package com.pulse.api.recyclebin;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Purging the recycle bin on devstack: binned rows and their history go, referenced ones stay and are counted. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RecycleBinIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(RecycleBinIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    WebTestClient http;

    @Autowired
    void signIn(WebTestClient client, Tokens tokens) {
        http = tokens.admin(client);
    }

    @Autowired
    DatabaseClient db;

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Created(UUID id) {
    }

    record Counts(long purged, long skipped) {
    }

    record Report(String olderThan, Map<String, Counts> entities, long purged, long skipped) {
    }

    @Test
    void purgesUnreferencedBinnedRowsWithTheirHistoryAndKeepsReferencedOnes() {
        UUID lonely = create("/api/v1/accounts", "{\"name\": \"Lonely Ltd\"}");
        UUID parent = create("/api/v1/accounts", "{\"name\": \"Parent Group\"}");
        UUID child = create("/api/v1/accounts", "{\"name\": \"Child Co\", \"parentAccountId\": \"" + parent + "\"}");
        UUID referenced = create("/api/v1/accounts", "{\"name\": \"Still Used\"}");
        create("/api/v1/contacts", "{\"name\": \"Live Contact\", \"accountId\": \"" + referenced + "\"}");
        UUID campaign = create("/api/v1/campaigns", "{\"name\": \"Old campaign\", \"channel\": \"EMAIL\"}");
        UUID live = create("/api/v1/accounts", "{\"name\": \"Live Account\"}");
        for (UUID id : new UUID[] {lonely, child, parent, referenced}) {
            http.delete().uri("/api/v1/accounts/" + id).exchange().expectStatus().isOk();
        }
        http.delete().uri("/api/v1/campaigns/" + campaign).exchange().expectStatus().isOk();

        Report nothingThatOld = purge("?olderThan=2000-01-01");
        assertThat(nothingThatOld.purged()).isZero();
        Report onlyCampaigns = purge("?entity=campaigns");
        assertThat(onlyCampaigns.entities()).containsOnlyKeys("campaigns");
        assertThat(onlyCampaigns.entities().get("campaigns")).isEqualTo(new Counts(1, 0));
        Report all = purge("");

        // The binned child is purged first, which frees its binned parent in the same request.
        assertThat(all.entities().get("accounts")).isEqualTo(new Counts(3, 1));
        assertThat(all.purged()).isEqualTo(3);
        assertThat(all.skipped()).isEqualTo(1);
        assertThat(all.olderThan()).isNull();
        for (UUID id : new UUID[] {lonely, child, parent}) {
            http.get().uri("/api/v1/accounts/" + id + "/history").exchange().expectStatus().isNotFound();
            assertThat(count("SELECT count(*) FROM account_history WHERE account_id = '" + id + "'")).isZero();
        }
        assertThat(count("SELECT count(*) FROM accounts WHERE id IN ('" + lonely + "', '" + child + "', '" + parent + "')")).isZero();
        assertThat(count("SELECT count(*) FROM campaigns WHERE id = '" + campaign + "'")).isZero();
        http.post().uri("/api/v1/accounts/" + referenced + "/restore").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/accounts/" + live).exchange().expectStatus().isOk();
    }

    @Test
    void aBinnedProductIsPurgedUnlessADealStillNamesItOnALine() {
        UUID unused = create("/api/v1/products", "{\"code\": \"BIN-1\", \"name\": \"Unused\", \"listPrice\": 10}");
        UUID onADeal = create("/api/v1/products", "{\"code\": \"BIN-2\", \"name\": \"On a deal\", \"listPrice\": 20}");
        UUID account = create("/api/v1/accounts", "{\"name\": \"Buyer\"}");
        UUID deal = create("/api/v1/opportunities", "{\"name\": \"Deal\", \"amount\": 20, \"accountId\": \"" + account + "\"}");
        http.put().uri("/api/v1/opportunities/" + deal + "/lines").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"lines\": [{\"productId\": \"" + onADeal + "\", \"quantity\": 1}]}")
                .exchange().expectStatus().isOk();
        for (UUID id : new UUID[] {unused, onADeal}) {
            http.delete().uri("/api/v1/products/" + id).exchange().expectStatus().isOk();
        }

        Report report = purge("?entity=products");

        assertThat(report.entities().get("products")).isEqualTo(new Counts(1, 1));
        assertThat(count("SELECT count(*) FROM products WHERE id = '" + unused + "'")).isZero();
        assertThat(count("SELECT count(*) FROM product_history WHERE product_id = '" + unused + "'")).isZero();
        http.post().uri("/api/v1/products/" + onADeal + "/restore").exchange().expectStatus().isOk();
    }

    @Test
    void badParametersAreFieldProblems() {
        http.delete().uri("/api/v1/recycle-bin?entity=everything").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("entity");
        http.delete().uri("/api/v1/recycle-bin?olderThan=yesterday").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("olderThan");
    }

    private Report purge(String query) {
        return http.delete().uri("/api/v1/recycle-bin" + query).exchange().expectStatus().isOk()
                .expectBody(Report.class).returnResult().getResponseBody();
    }

    private UUID create(String url, String json) {
        return http.post().uri(url).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange()
                .expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody().id();
    }

    private long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }
}
