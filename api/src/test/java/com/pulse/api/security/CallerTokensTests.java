package com.pulse.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.test.StepVerifier;

/** How a verified token becomes a caller: the roles claim (also nested, as external issuers put it), subject, team. */
class CallerTokensTests {

    private static Jwt jwt(String subject, Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60)).claims(c -> c.putAll(claims));
        return subject == null ? builder.claim("x", 1).build() : builder.subject(subject).build();
    }

    @Test
    void rolesComeFromTheConfiguredClaimIgnoringCaseAndUnknownNames() {
        CallerTokens own = new CallerTokens("roles");
        CallerTokens keycloak = new CallerTokens("realm_access.roles");
        CallerTokens scope = new CallerTokens("scp");

        assertThat(own.roles(Map.of("roles", List.of("MANAGER", "rep", "offline_access")))).isEqualTo(Set.of(Role.MANAGER, Role.REP));
        assertThat(keycloak.roles(Map.of("realm_access", Map.of("roles", List.of("admin", "uma_authorization")))))
                .isEqualTo(Set.of(Role.ADMIN));
        assertThat(scope.roles(Map.of("scp", "analyst  openid"))).isEqualTo(Set.of(Role.ANALYST));
        assertThat(keycloak.roles(Map.of("realm_access", "not a map"))).isEmpty();
        assertThat(own.roles(Map.of())).isEmpty();
    }

    @Test
    void theCallerCarriesSubjectUsernameTeamAndTheRolesAsAuthorities() {
        UUID user = UUID.randomUUID();
        UUID team = UUID.randomUUID();
        Jwt token = jwt(user.toString(), Map.of("preferred_username", "zhou.min", "team_id", team.toString(),
                "roles", List.of("REP")));

        StepVerifier.create(new CallerTokens("roles").convert(token)).assertNext(auth -> {
            Caller caller = (Caller) auth.getPrincipal();
            assertThat(caller.userId()).isEqualTo(user);
            assertThat(caller.actor()).isEqualTo(user.toString());
            assertThat(caller.username()).isEqualTo("zhou.min");
            assertThat(caller.teamId()).isEqualTo(team);
            assertThat(caller.system()).isFalse();
            assertThat(auth.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_REP");
        }).verifyComplete();
    }

    @Test
    void aTokenWithoutSubjectIsRefused() {
        StepVerifier.create(new CallerTokens("roles").convert(jwt(null, Map.of("roles", List.of("ADMIN")))))
                .expectError(InvalidBearerTokenException.class).verify();
    }
}
