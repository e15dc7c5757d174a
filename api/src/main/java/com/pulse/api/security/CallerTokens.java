package com.pulse.api.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import reactor.core.publisher.Mono;

/**
 * Reads a verified JWT as a {@link Caller}: subject, preferred_username, team_id and the roles
 * from the configured claim. Role names are matched case-insensitively and unknown ones are
 * ignored, so an external issuer's extra roles grant nothing here.
 */
final class CallerTokens implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

    private final String[] rolesPath;

    /** @param rolesClaim a claim name, or a dotted path into nested claims (e.g. {@code realm_access.roles}) */
    CallerTokens(String rolesClaim) {
        this.rolesPath = rolesClaim.split("\\.");
    }

    @Override
    public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
        String subject = jwt.getSubject();
        if (subject == null || subject.isBlank()) {
            return Mono.error(new InvalidBearerTokenException("The token has no subject."));
        }
        Set<Role> roles = roles(jwt.getClaims());
        Caller caller = new Caller(subject, jwt.getClaimAsString("preferred_username"), roles, teamId(jwt), false);
        List<SimpleGrantedAuthority> authorities = roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return Mono.just(new CallerAuthentication(caller, jwt, authorities));
    }

    Set<Role> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : rolesPath) {
            value = value instanceof Map<?, ?> map ? map.get(step) : null;
        }
        Collection<?> names = value instanceof Collection<?> c ? c
                : value instanceof String s ? List.of(s.trim().split("\\s+")) : List.of();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object name : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ignored) {
                // another application's role
            }
        }
        return roles;
    }

    private static UUID teamId(Jwt jwt) {
        String team = jwt.getClaimAsString("team_id");
        try {
            return team == null ? null : UUID.fromString(team);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
