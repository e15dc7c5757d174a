package com.pulse.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Tokens of an external OpenID Connect issuer (pulse.api.auth.issuer-uri): a local issuer serves its discovery
 * document and JWK set over HTTP, as Keycloak or any OIDC provider does, and signs tokens with its own key, with
 * the roles nested where Keycloak puts them (realm_access.roles). The API fetches the issuer's keys itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ExternalIssuerIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ExternalIssuerIntegrationTests.class);
    static final RSAKey ISSUER_KEY = generate("issuer-key");
    static final RSAKey FOREIGN_KEY = generate("issuer-key");
    static final AtomicInteger JWKS_FETCHES = new AtomicInteger();
    static final DisposableServer ISSUER = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .get("/realms/pulse/.well-known/openid-configuration", (req, res) -> res
                            .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                            .sendString(reactor.core.publisher.Mono.just("""
                                    {"issuer": "%s", "jwks_uri": "%s/protocol/openid-connect/certs",
                                     "authorization_endpoint": "%s/auth", "token_endpoint": "%s/token",
                                     "subject_types_supported": ["public"],
                                     "id_token_signing_alg_values_supported": ["RS256"]}"""
                                    .formatted(issuer(), issuer(), issuer(), issuer()))))
                    .get("/realms/pulse/protocol/openid-connect/certs", (req, res) -> {
                        JWKS_FETCHES.incrementAndGet();
                        return res.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                                .sendString(reactor.core.publisher.Mono.just(new JWKSet(ISSUER_KEY.toPublicJWK()).toString()));
                    }))
            .bindNow();

    static String issuer() {
        return "http://127.0.0.1:" + ISSUER.port() + "/realms/pulse";
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pulse.api.auth.issuer-uri", ExternalIssuerIntegrationTests::issuer);
        registry.add("pulse.api.auth.roles-claim", () -> "realm_access.roles");
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.disposeNow();
    }

    @Autowired
    WebTestClient client;

    @Test
    void aTokenOfTheIssuerOpensTheApiWithTheRolesOfItsNestedClaimAndItsSubjectAsActor() {
        UUID user = UUID.randomUUID();
        WebTestClient admin = as(token(ISSUER_KEY, issuer(), user, List.of("admin", "offline_access"), Duration.ofMinutes(5)));

        admin.get().uri("/api/v1/accounts").exchange().expectStatus().isOk();
        String id = admin.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Issued elsewhere\"}").exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody().get("id").toString();
        String history = admin.get().uri("/api/v1/accounts/" + id + "/history").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(history).contains("\"actor\":\"" + user + "\"");
        assertThat(JWKS_FETCHES.get()).as("the JWK set is fetched from the issuer").isPositive();
    }

    @Test
    void theIssuersRolesDecideWhatTheCallerMayDo() {
        WebTestClient analyst = as(token(ISSUER_KEY, issuer(), UUID.randomUUID(), List.of("analyst"), Duration.ofMinutes(5)));
        WebTestClient nobody = as(token(ISSUER_KEY, issuer(), UUID.randomUUID(), List.of("offline_access"), Duration.ofMinutes(5)));

        analyst.get().uri("/api/v1/accounts").exchange().expectStatus().isOk();
        analyst.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"No\"}")
                .exchange().expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        nobody.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"No\"}")
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void tokensNotSignedByTheIssuerOrNamingAnotherIssuerOrExpiredAreRefused() {
        UUID user = UUID.randomUUID();
        List<String> roles = List.of("admin");
        for (String token : List.of(
                token(FOREIGN_KEY, issuer(), user, roles, Duration.ofMinutes(5)),
                token(ISSUER_KEY, "http://127.0.0.1:1/realms/other", user, roles, Duration.ofMinutes(5)),
                token(ISSUER_KEY, issuer(), user, roles, Duration.ofHours(-1)))) {
            as(token).get().uri("/api/v1/accounts").exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").isEqualTo("The bearer token is invalid or has expired.");
        }
    }

    private WebTestClient as(String token) {
        return Tokens.bearer(client, token);
    }

    /** A token as the issuer would sign it; a negative lifetime gives one that expired that long ago. */
    private static String token(RSAKey key, String issuer, UUID subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime);
        Instant issued = lifetime.isNegative() ? expires.minus(Duration.ofHours(1)) : now;
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject.toString())
                .issueTime(Date.from(issued)).expirationTime(Date.from(expires))
                .claim("preferred_username", "ext-" + subject).claim("realm_access", Map.of("roles", roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
