package com.pulse.api.opportunity;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.pulse.api.security.Caller;
import com.pulse.api.security.RejectedRequests;
import com.pulse.api.security.Role;
import com.pulse.api.security.Tokens;
import com.pulse.api.system.JsonConfig;
import com.pulse.api.system.ProblemWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The HTTP contract of the opportunity endpoints: every malformed or invalid request is a
 * 4xx problem+json naming the field, and never reaches the service.
 */
@WebFluxTest(OpportunityController.class)
@Import({JsonConfig.class, ProblemWriter.class, RejectedRequests.class})
class OpportunityControllerTests {

    private static final String URL = "/api/v1/opportunities";
    private static final Caller CALLER = Caller.user(UUID.randomUUID(), "rep", Set.of(Role.REP), null);

    WebTestClient http;

    /** The slice has no token filter: requests carry the authentication a REP's verified token would give. */
    @Autowired
    void signIn(WebTestClient client) {
        http = client.mutateWith(SecurityMockServerConfigurers.mockAuthentication(Tokens.authentication(CALLER)))
                .mutateWith(SecurityMockServerConfigurers.csrf());
    }

    @MockitoBean
    OpportunityService service;

    private WebTestClient.ResponseSpec post(String json) {
        return http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private void expectFieldProblem(WebTestClient.ResponseSpec response, String field) {
        response.expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isNotEmpty()
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].reason").isNotEmpty();
        verify(service, never()).create(any(), any());
        verify(service, never()).create(any(), any(), any());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing name           | {"amount": 1}                                          | name
            blank name             | {"name": "   ", "amount": 1}                           | name
            name of 201 chars      | {"name": "%s", "amount": 1}                            | name
            missing amount         | {"name": "Deal"}                                       | amount
            negative amount        | {"name": "Deal", "amount": -0.01}                      | amount
            huge amount            | {"name": "Deal", "amount": 1e30}                       | amount
            three decimals         | {"name": "Deal", "amount": 1.005}                      | amount
            amount as a string     | {"name": "Deal", "amount": "100"}                      | amount
            name as a number       | {"name": 42, "amount": 1}                              | name
            lower-case currency    | {"name": "Deal", "amount": 1, "currency": "usd"}       | currency
            unknown stage          | {"name": "Deal", "amount": 1, "stage": "WON"}          | stage
            probability above 100  | {"name": "Deal", "amount": 1, "probability": 101}      | probability
            probability below 0    | {"name": "Deal", "amount": 1, "probability": -1}       | probability
            fractional probability | {"name": "Deal", "amount": 1, "probability": 50.5}     | probability
            impossible date        | {"name": "Deal", "amount": 1, "expectedCloseDate": "2026-02-30"} | expectedCloseDate
            date in another format | {"name": "Deal", "amount": 1, "expectedCloseDate": "30/11/2026"} | expectedCloseDate
            date as an array       | {"name": "Deal", "amount": 1, "expectedCloseDate": []} | expectedCloseDate
            date as a number       | {"name": "Deal", "amount": 1, "expectedCloseDate": 20000} | expectedCloseDate
            far-future date        | {"name": "Deal", "amount": 1, "expectedCloseDate": "+999999-01-01"} | expectedCloseDate
            bad account id         | {"name": "Deal", "amount": 1, "accountId": "42"}       | accountId
            unknown field          | {"name": "Deal", "amount": 1, "discount": 5}           | discount
            nested unknown field   | {"name": "Deal", "amount": 1, "x": {"y": 1}}           | x
            """)
    void refusesAnInvalidCreate(String why, String json, String field) {
        expectFieldProblem(post(json.formatted("n".repeat(201))), field);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            truncated JSON  | {"name": "Deal",
            not an object   | [1, 2]
            trailing tokens | {"name": "Deal", "amount": 1} {}
            duplicate key   | {"name": "Deal", "name": "Other", "amount": 1}
            NaN             | {"name": "Deal", "amount": NaN}
            """)
    void refusesMalformedJson(String why, String json) {
        expectFieldProblem(post(json), "body");
    }

    @Test
    void refusesAMissingBody() {
        expectFieldProblem(http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).exchange(), "body");
    }

    @Test
    void refusesAnotherContentType() {
        http.post().uri(URL).contentType(MediaType.TEXT_PLAIN).bodyValue("name=Deal").exchange()
                .expectStatus().isEqualTo(415)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void refusesABodyOverTheSizeLimit() {
        String json = "{\"name\": \"" + "x".repeat(100_000) + "\", \"amount\": 1}";
        post(json).expectStatus().isEqualTo(413).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    /** An encoded percent sign is refused by Spring Security's firewall before routing, so the path is at fault. */
    @ParameterizedTest
    @CsvSource({"not-a-uuid, id", "1-2-3-4-5, id", "00000000-0000-0000-0000-00000000000g, id", "'%27%20OR%201=1', path"})
    void refusesABadIdInThePath(String id, String field) {
        http.get().uri(URL + "/" + id).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void refusesAPatchWithNothingToChangeOrABadIfMatch() {
        String id = UUID.randomUUID().toString();
        http.patch().uri(URL + "/" + id).contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("body");
        http.patch().uri(URL + "/" + id).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"v1\"")
                .bodyValue("{\"stage\": \"PROPOSAL\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        http.patch().uri(URL + "/" + id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"stage\": \"PROPOSAL\", \"version\": \"two\"}").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("version");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            limit=0        | limit
            limit=201      | limit
            limit=abc      | limit
            limit=-5       | limit
            stage=WON      | stage
            cursor=abc     | cursor
            """)
    void refusesBadListParameters(String query, String field) {
        http.get().uri(URL + "?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    @Test
    void answersUnknownRoutesAndMethodsWithProblems() {
        http.get().uri("/api/v1/nothing-here").exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        http.delete().uri(URL).exchange()
                .expectStatus().isEqualTo(405).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void createsAValidOpportunityWithLocationAndETag() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        Opportunity saved = new Opportunity(id, null, null, "Deal", "PROSPECTING", new BigDecimal("1.00"), "CNY",
                new BigDecimal("1.00"), 10, "PIPELINE", null, null, now, now, null, 1, null, null, null, null);
        when(service.create(any(), eq(CALLER), eq(null)))
                .thenReturn(Mono.just(new OpportunityService.Created(saved, false)));

        post("{\"name\": \"Deal\", \"amount\": 1}")
                .expectStatus().isCreated()
                .expectHeader().location("/api/v1/opportunities/" + id)
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.id").isEqualTo(id.toString())
                .jsonPath("$.amount").isEqualTo(1.0)
                .jsonPath("$.version").isEqualTo(1)
                .jsonPath("$.deletedAt").doesNotExist();
    }

    @Test
    void passesIfMatchAsTheExpectedVersion() {
        UUID id = UUID.randomUUID();
        when(service.update(eq(id), any(), eq(7L), any())).thenReturn(Mono.error(
                new com.pulse.api.system.ConflictException("opportunity is at version 8, not 7", 8)));

        http.patch().uri(URL + "/" + id).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"7\"")
                .bodyValue("{\"stage\": \"PROPOSAL\", \"version\": 3}").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.currentVersion").isEqualTo(8);
    }

    @Test
    void refusesAnIdempotencyKeyOver200Characters() {
        for (String key : new String[] {"k".repeat(201), "k".repeat(5_000)}) {
            http.post().uri(URL).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                    .bodyValue("{\"name\": \"Deal\", \"amount\": 1}").exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        }
        verify(service, never()).create(any(), any(), any());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing stage              | {"probability": 50}                                     | stage
            unknown stage              | {"stage": "WON"}                                        | stage
            probability above 100      | {"stage": "PROPOSAL", "probability": 101}               | probability
            lost reason when won       | {"stage": "CLOSED_WON", "lostReason": "price"}          | lostReason
            blank lost reason          | {"stage": "CLOSED_LOST", "lostReason": "  "}            | lostReason
            lost reason of 501 chars   | {"stage": "CLOSED_LOST", "lostReason": "%s"}            | lostReason
            control character          | {"stage": "CLOSED_LOST", "lostReason": "a\\u0007b"}     | lostReason
            version 0                  | {"stage": "PROPOSAL", "version": 0}                     | version
            unknown field              | {"stage": "PROPOSAL", "amount": 5}                      | amount
            lost reason as a number    | {"stage": "CLOSED_LOST", "lostReason": 5}               | lostReason
            """)
    void refusesAnInvalidStageMove(String why, String json, String field) {
        http.post().uri(URL + "/" + UUID.randomUUID() + "/stage").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(json.formatted("r".repeat(501))).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
        verify(service, never()).moveStage(any(), any(), any(), any());
    }

    @Test
    void refusesBadIdsAndIfMatchOnTheLifecycleEndpoints() {
        http.delete().uri(URL + "/not-a-uuid").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        http.post().uri(URL + "/1-2-3-4-5/restore").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        http.get().uri(URL + "/x/history").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("id");
        http.delete().uri(URL + "/" + UUID.randomUUID()).header("If-Match", "\"v1\"").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
        http.get().uri(URL + "?deleted=yes").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("deleted");
        verify(service, never()).delete(any(), any(), any());
        verify(service, never()).restore(any(), any(), any());
    }
}
