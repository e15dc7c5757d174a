package com.pulse.olap.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who reads, from the verified token: {@code sub} = user id, {@code roles}, {@code team_id} (the api's tokens).
 * Ids are lower-cased, as streams keys its cells.
 */
record Viewer(String userId, Set<String> roles, String teamId) {

    static final Set<String> SEE_EVERYTHING = Set.of("EXECUTIVE", "ANALYST", "ADMIN");

    static Viewer of(String subject, Object rolesClaim, Object teamClaim) {
        return new Viewer(lower(subject), roles(rolesClaim), teamClaim == null ? null : lower(String.valueOf(teamClaim)));
    }

    boolean seesEverything() {
        return roles.stream().anyMatch(SEE_EVERYTHING::contains);
    }

    boolean manager() {
        return roles.contains("MANAGER");
    }

    // A list, or a space-separated string (as some issuers write scopes); case-insensitive.
    private static Set<String> roles(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c
                : claim == null ? List.of() : List.of(String.valueOf(claim).trim().split("\\s+"));
        return values.stream().map(v -> String.valueOf(v).toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
