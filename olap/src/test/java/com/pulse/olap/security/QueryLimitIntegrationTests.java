package com.pulse.olap.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.olap.query.PivotFixture;
import com.pulse.olap.system.QueryLimit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Per-user concurrency with tokens on: while two queries of a user are held open (latched inside the service's own
 * {@link QueryLimit}), that user's next pivot, drill-through or export is 429 problem+json with {@code Retry-After},
 * another user's pivot is answered, and once the held queries end the user is answered again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryLimitIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(QueryLimitIntegrationTests.class);
    static final TestIssuer ISSUER = TestIssuer.start("limit");
    static final String ANALYST = "0c000000-0000-4000-8000-0000000000c1";
    static final String OTHER_ANALYST = "0c000000-0000-4000-8000-0000000000c2";
    static final String PIVOT = "{\"cube\":\"opportunities\",\"rows\":[\"region\"],\"measures\":[\"count\"]}";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        r.add("pulse.olap.auth.enabled", () -> "true");
        r.add("pulse.olap.auth.jwks-uri", ISSUER::jwksUri);
        r.add("pulse.olap.concurrency.per-user", () -> "2");
    }

    @Autowired
    ClickHouseGateway gateway;

    @Autowired
    QueryLimit limit;

    @Autowired
    RestTestClient http;

    @BeforeAll
    void fixture() {
        gateway.migrate();
        gateway.insertJsonEachRow("opportunities", PivotFixture.opportunities());
    }

    @AfterAll
    void stopJwks() {
        ISSUER.stop();
    }

    @Test
    void aThirdQueryOfTheSameUserIs429WhileTwoRunAndAnsweredOnceTheyEnd() throws Exception {
        String analyst = token(ANALYST);
        post("/olap/v1/pivot", analyst, PIVOT).expectStatus().isOk();

        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // given two of the analyst's queries running (held open inside the limit)
            List<CompletableFuture<Object>> held = List.of(
                    CompletableFuture.supplyAsync(() -> limit.run(ANALYST, () -> hold(release)), pool),
                    CompletableFuture.supplyAsync(() -> limit.run(ANALYST, () -> hold(release)), pool));
            await().until(() -> limit.running(ANALYST) == 2);

            // then a third is refused, whichever endpoint
            for (String[] call : List.of(
                    new String[] {"/olap/v1/pivot", PIVOT},
                    new String[] {"/olap/v1/records", "{\"cube\":\"opportunities\",\"cell\":{\"region\":\"East\"}}"},
                    new String[] {"/olap/v1/pivot.csv", PIVOT})) {
                String problem = post(call[0], analyst, call[1]).expectStatus().isEqualTo(429)
                        .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader().valueEquals("Retry-After", "1")
                        .expectBody(String.class).returnResult().getResponseBody();
                assertThat(problem).as(call[0]).contains("\"status\":429").contains("\"limit\":2").contains("2 analytics queries running");
            }
            // another user is not held up by them
            post("/olap/v1/pivot", token(OTHER_ANALYST), PIVOT).expectStatus().isOk();

            // when the held queries end, the analyst is answered again
            release.countDown();
            for (CompletableFuture<Object> f : held) {
                assertThat(f.get()).isEqualTo("held");
            }
            assertThat(limit.running(ANALYST)).isZero();
            post("/olap/v1/pivot", analyst, PIVOT).expectStatus().isOk();
            post("/olap/v1/records", analyst, "{\"cube\":\"opportunities\"}").expectStatus().isOk();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private RestTestClient.ResponseSpec post(String uri, String token, String body) {
        return http.post().uri(uri).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(body).exchange();
    }

    private static Object hold(CountDownLatch release) {
        try {
            release.await();
            return "held";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String token(String subject) {
        return ISSUER.token(subject, List.of("ANALYST"), null);
    }


}
