package com.pulse.notifier.scope;

import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who calls, from the api's token: {@code sub}, {@code roles}, {@code zoneinfo} (may be null).
 */
public record Caller(String id, Set<String> roles, String zoneinfo) {

    public static Caller of(Jwt token) {
        List<String> roles = token.getClaimAsStringList("roles");
        return new Caller(token.getSubject(), roles == null ? Set.of() : Set.copyOf(roles), token.getClaimAsString("zoneinfo"));
    }

    public boolean manager() {
        return roles.contains("MANAGER");
    }
}
