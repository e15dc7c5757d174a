package com.pulse.api.security;

import com.pulse.api.auth.TokenIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Signs tokens for tests with the application's own key (as sign-in would), so a test calls the
 * API as a given user and role in one line: {@code http = tokens.admin(http)}. A component in
 * the scanned package, so integration tests can autowire it.
 */
@Component
public class Tokens {

    private final TokenIssuer issuer;
    private final UUID adminId = UUID.randomUUID();

    Tokens(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    /** The subject of {@link #admin}'s token: the actor its changes are recorded with. */
    public UUID adminId() {
        return adminId;
    }

    /** A client that calls as an administrator who needs no user row (ADMIN sees everything). */
    public WebTestClient admin(WebTestClient http) {
        return as(http, adminId, null, Role.ADMIN);
    }

    /** A client that calls as the given user with the given roles. */
    public WebTestClient as(WebTestClient http, UUID userId, UUID teamId, Role... roles) {
        return bearer(http, token(userId, teamId, roles));
    }

    /** The same client with {@code Authorization: Bearer token}; a slow machine gets 30 s per response. */
    public static WebTestClient bearer(WebTestClient http, String token) {
        return http.mutate().responseTimeout(Duration.ofSeconds(30))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
    }

    public String token(UUID userId, UUID teamId, Role... roles) {
        return issuer.issue(userId, "user-" + userId, names(roles), teamId, List.of(), "en", "Asia/Shanghai");
    }

    /** A token that expired an hour ago (beyond any clock skew allowance). */
    public String expired(UUID userId, Role... roles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issuer.sign(issuer.issuer(), userId, "user-" + userId, names(roles), null, List.of(), "en", "Asia/Shanghai",
                now.minus(Duration.ofHours(9)), now.minus(Duration.ofHours(1)));
    }

    /** A token signed with the application's key but naming another issuer. */
    public String signedBy(String issuerName, UUID userId, Role... roles) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return issuer.sign(issuerName, userId, "user-" + userId, names(roles), null, List.of(), "en", "Asia/Shanghai",
                now, now.plus(Duration.ofHours(1)));
    }

    /** For slice tests without the token filter: the authentication a verified token would give. */
    public static Authentication authentication(Caller caller) {
        return new CallerAuthentication(caller, null, caller.roles().stream()
                .map(r -> new org.springframework.security.core.authority.SimpleGrantedAuthority(r.authority())).toList());
    }

    private static List<String> names(Role... roles) {
        return (roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles)))
                .stream().map(Role::name).toList();
    }
}
