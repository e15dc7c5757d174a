package com.pulse.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.pulse.api.security.Tokens;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sign-in on devstack: a token for a real user verifies against the published JWKS; failures look alike. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "pulse.api.auth.issuer=https://pulse.test/auth")
@AutoConfigureWebTestClient
class AuthIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(AuthIntegrationTests.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Without a token: sign-in and the JWK set are public. */
    WebTestClient http;
    /** With an administrator's token, to create the users that sign in. */
    WebTestClient admin;

    @Autowired
    void clients(WebTestClient client, Tokens tokens) {
        http = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        admin = tokens.admin(client);
    }

    /** Usernames are unique per test execution, so a rerun of a test does not meet its first run's users. */
    final String run = "." + Long.toString(System.nanoTime() & 0xffffffL, 36);

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record Created(UUID id, UUID teamId) {
    }

    private Created user(String username, boolean active) {
        return user(username, active, "\"MANAGER\", \"REP\"");
    }

    private Created user(String username, boolean active, String roles) {
        UUID team = team("Team of " + username, null);
        return admin.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"username": "%s", "name": "Zhou Min", "email": "%s@example.cn", "locale": "en",
                         "timeZone": "Asia/Shanghai", "roles": [%s], "teamId": "%s", "active": %s,
                         "password": "a very good password"}""".formatted(username, username, roles, team, active))
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
    }

    private UUID team(String name, UUID managerId) {
        String manager = managerId == null ? "" : ", \"managerId\": \"" + managerId + "\"";
        return admin.post().uri("/api/v1/teams").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + name + "\"" + manager + "}").exchange().expectStatus().isCreated()
                .expectBody(Created.class).returnResult().getResponseBody().id();
    }

    private JWTClaimsSet claimsOf(String username) throws Exception {
        String token = (String) signIn(username, "a very good password").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
        return SignedJWT.parse(token).getJWTClaimsSet();
    }

    private WebTestClient.ResponseSpec signIn(String username, String password) {
        return http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange();
    }

    @Test
    void aTokenForARealUserVerifiesAgainstTheJwksAndCarriesItsClaims() throws Exception {
        Created user = user("zhou.min" + run, true);

        Map<?, ?> token = signIn("Zhou.Min" + run, "a very good password").expectStatus().isOk()
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(Map.class).returnResult().getResponseBody();
        String jwks = http.get().uri("/api/v1/auth/jwks").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(token.get("token_type")).isEqualTo("Bearer");
        assertThat(token.get("expires_in")).isEqualTo(8 * 3600);
        JWKSet keys = JWKSet.parse(jwks);
        assertThat(keys.getKeys()).hasSize(1);
        RSAKey key = keys.getKeys().get(0).toRSAKey();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwks).doesNotContain("\"d\"");
        SignedJWT jwt = SignedJWT.parse((String) token.get("access_token"));
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.getKeyID()).isNotBlank();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();

        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(user.id().toString());
        assertThat(claims.getIssuer()).isEqualTo("https://pulse.test/auth");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("zhou.min" + run);
        assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of("MANAGER", "REP"));
        assertThat(claims.getStringClaim("team_id")).isEqualTo(user.teamId().toString());
        assertThat(claims.getStringClaim("locale")).isEqualTo("en");
        assertThat(claims.getStringClaim("zoneinfo")).isEqualTo("Asia/Shanghai");
        Instant issued = claims.getIssueTime().toInstant();
        assertThat(issued).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(Duration.between(issued, claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(8));
        assertThat(claims.getClaims().keySet()).noneMatch(k -> k.toLowerCase().contains("password"));
    }

    @Test
    void managedTeamsNamesTheLiveTeamsWhoseManagerTheUserIsNotTheTeamTheySitIn() throws Exception {
        Created manager = user("he.jing" + run, true);
        UUID north = team("North of " + run, manager.id());
        UUID south = team("South of " + run, manager.id());
        UUID binned = team("Binned of " + run, manager.id());
        admin.delete().uri("/api/v1/teams/" + binned).exchange().expectStatus().isOk();
        // a team somebody else manages is not theirs, nor is the team they sit in (unless they manage it)
        team("Elsewhere of " + run, user("lin.tao" + run, true).id());

        JWTClaimsSet claims = claimsOf("he.jing" + run);
        assertThat(claims.getStringListClaim("managed_teams")).containsExactlyInAnyOrder(north.toString(), south.toString());
        assertThat(claims.getStringClaim("team_id")).isEqualTo(manager.teamId().toString());

        Created rep = user("sun.li" + run, true, "\"REP\"");
        JWTClaimsSet repClaims = claimsOf("sun.li" + run);
        assertThat(repClaims.getClaims()).containsKey("managed_teams");
        assertThat(repClaims.getStringListClaim("managed_teams")).isEmpty();
        assertThat(repClaims.getSubject()).isEqualTo(rep.id().toString());
    }

    @Test
    void aSignInTokenOpensTheApiAndItsSubjectIsTheActorOfChanges() {
        Created user = user("wu.lei" + run, true);
        String token = (String) signIn("wu.lei" + run, "a very good password").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
        WebTestClient signedIn = Tokens.bearer(http, token);

        http.get().uri("/api/v1/accounts").exchange().expectStatus().isUnauthorized();
        Created account = signedIn.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"Signed-in account\", \"ownerId\": \"" + user.id() + "\"}")
                .exchange().expectStatus().isCreated().expectBody(Created.class).returnResult().getResponseBody();
        String history = signedIn.get().uri("/api/v1/accounts/" + account.id() + "/history").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        assertThat(history).contains("\"actor\":\"" + user.id() + "\"").doesNotContain("anonymous");
    }

    @Test
    void wrongPasswordUnknownUserAndInactiveUserGetTheSame401() {
        user("qian.hua" + run, true);
        user("inactive.one" + run, false);

        String wrongPassword = problem(signIn("qian.hua" + run, "not the password!"));
        String unknownUser = problem(signIn("nobody.here", "a very good password"));
        String inactive = problem(signIn("inactive.one" + run, "a very good password"));
        String binnedLater = problem(signIn("qian.hua" + run, ""));

        assertThat(wrongPassword).contains("Wrong username or password.");
        assertThat(unknownUser).isEqualTo(wrongPassword);
        assertThat(inactive).isEqualTo(wrongPassword);
        assertThat(binnedLater).isEqualTo(wrongPassword);
        problem(signIn("x".repeat(5000), "y".repeat(5000)));
        http.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\": \"qian.hua" + run + "\", \"password\": \"a very good password\", \"extra\": 1}")
                .exchange().expectStatus().isBadRequest();
    }

    private static String problem(WebTestClient.ResponseSpec response) {
        return response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
    }
}
