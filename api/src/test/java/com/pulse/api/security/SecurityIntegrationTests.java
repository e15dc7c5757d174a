package com.pulse.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The resource server on devstack: which requests need a token, which tokens are refused (all with
 * the same 401 problem), and which roles may write what (403 problem, before the body is looked at).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class SecurityIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(SecurityIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    Tokens tokens;

    /** Without a token. */
    WebTestClient http;

    @Autowired
    void client(WebTestClient client) {
        http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Created(UUID id) {
    }

    @Test
    void withoutATokenEveryApiRouteAnswers401ProblemButThePublicOnesAnswer() {
        for (String path : List.of("/api/v1/accounts", "/api/v1/users", "/api/v1/opportunities", "/actuator/info", "/nowhere")) {
            String body = http.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains("\"type\":\"urn:pulse:problem:unauthorized\"", "\"status\":401",
                    "A bearer token is required.");
        }
        http.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"x\"}")
                .exchange().expectStatus().isUnauthorized();

        http.get().uri("/api/v1/auth/jwks").exchange().expectStatus().isOk();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/openapi").exchange().expectStatus().isOk();
        // Reachable without a token: the answer is sign-in's own 401, not the filter's.
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "nobody", "password", "nothing at all")).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class)
                .value(body -> assertThat(body).contains("Wrong username or password."));
    }

    @Test
    void forgedExpiredMalformedAndForeignIssuerTokensAreRefusedAlike() throws Exception {
        UUID user = UUID.randomUUID();
        var otherKey = KeyPairGenerator.getInstance("RSA");
        otherKey.initialize(2048);
        var pair = otherKey.generateKeyPair();
        SignedJWT forged = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .issuer("pulse-api").subject(user.toString()).claim("roles", List.of("ADMIN"))
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        forged.sign(new RSASSASigner(pair.getPrivate()));
        String valid = tokens.token(user, null, Role.ADMIN);
        String[] parts = valid.split("\\.");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];

        List<String> bodies = new java.util.ArrayList<>();
        for (String token : List.of(forged.serialize(), tokens.expired(user, Role.ADMIN), "not.a.jwt", tampered,
                tokens.signedBy("https://elsewhere.example", user, Role.ADMIN))) {
            bodies.add(Tokens.bearer(http, token).get().uri("/api/v1/accounts").exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody());
        }

        assertThat(bodies).allSatisfy(b -> assertThat(b).isEqualTo(bodies.get(0)).contains("invalid or has expired"));
        Tokens.bearer(http, valid).get().uri("/api/v1/accounts").exchange().expectStatus().isOk();
    }

    /** Role rules by method and path; a 403 comes before the body is read, so an empty object will do. */
    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            ANALYST   | GET    | /api/v1/accounts                     | 200
            ANALYST   | GET    | /api/v1/users                        | 200
            ANALYST   | POST   | /api/v1/accounts                     | 403
            ANALYST   | PATCH  | /api/v1/accounts/{id}                | 403
            ANALYST   | DELETE | /api/v1/accounts/{id}                | 403
            ANALYST   | POST   | /api/v1/accounts/{id}/restore        | 403
            ANALYST   | POST   | /api/v1/opportunities                | 403
            ANALYST   | POST   | /api/v1/opportunities/{id}/stage     | 403
            ANALYST   | POST   | /api/v1/leads/{id}/convert           | 403
            ANALYST   | POST   | /api/v1/activities                   | 403
            ANALYST   | POST   | /api/v1/tasks                        | 403
            ANALYST   | POST   | /api/v1/contacts                     | 403
            ANALYST   | POST   | /api/v1/campaigns                    | 403
            ANALYST   | POST   | /api/v1/targets                      | 403
            REP       | POST   | /api/v1/users                        | 403
            REP       | PATCH  | /api/v1/users/{id}                   | 403
            REP       | DELETE | /api/v1/teams/{id}                   | 403
            REP       | POST   | /api/v1/teams                        | 403
            REP       | POST   | /api/v1/campaigns                    | 403
            REP       | PATCH  | /api/v1/campaigns/{id}               | 403
            REP       | POST   | /api/v1/targets                      | 403
            REP       | POST   | /api/v1/products                     | 403
            REP       | DELETE | /api/v1/recycle-bin                  | 403
            REP       | POST   | /api/v1/accounts                     | 400
            MANAGER   | POST   | /api/v1/users                        | 403
            MANAGER   | POST   | /api/v1/teams                        | 403
            MANAGER   | POST   | /api/v1/campaigns                    | 400
            MANAGER   | DELETE | /api/v1/recycle-bin                  | 403
            EXECUTIVE | POST   | /api/v1/users                        | 403
            EXECUTIVE | POST   | /api/v1/campaigns                    | 400
            EXECUTIVE | DELETE | /api/v1/recycle-bin                  | 403
            ADMIN     | POST   | /api/v1/users                        | 400
            ADMIN     | POST   | /api/v1/teams                        | 400
            ADMIN     | POST   | /api/v1/campaigns                    | 400
            """)
    void rolesDecideWhichWritesAreAllowed(Role role, HttpMethod method, String path, int status) {
        WebTestClient as = tokens.as(http, UUID.randomUUID(), null, role);
        WebTestClient.RequestBodySpec request = as.method(method).uri(path.replace("{id}", UUID.randomUUID().toString()));
        WebTestClient.ResponseSpec response = method == HttpMethod.GET || method == HttpMethod.DELETE ? request.exchange()
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();

        String body = response.expectStatus().isEqualTo(status).expectBody(String.class).returnResult().getResponseBody();
        if (status == 403) {
            assertThat(body).contains("\"type\":\"urn:pulse:problem:forbidden\"", "\"status\":403");
        }
    }

    @Test
    void aTokenWithoutAnyPulseRoleMayNotWrite() {
        WebTestClient none = tokens.as(http, UUID.randomUUID(), null);
        none.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"x\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void usersSetTheirOwnPasswordAndOnlyAnAdministratorSetsAnothers() {
        WebTestClient admin = tokens.admin(http);
        UUID rep = user(admin, "pw.rep");
        UUID other = user(admin, "pw.other");
        WebTestClient asRep = tokens.as(http, rep, null, Role.REP);
        String body = "{\"password\": \"another good password\"}";

        asRep.post().uri("/api/v1/users/" + rep + "/password").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
        asRep.post().uri("/api/v1/users/" + other + "/password").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        admin.post().uri("/api/v1/users/" + other + "/password").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isOk();
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "pw.other", "password", "another good password")).exchange()
                .expectStatus().isOk();
    }

    private static UUID user(WebTestClient admin, String username) {
        return admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"username": "%s", "name": "Test User", "email": "%s@example.cn", "roles": ["REP"],
                         "password": "a very good password"}""".formatted(username, username))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody().id();
    }
}
