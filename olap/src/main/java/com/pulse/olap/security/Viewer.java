package com.pulse.olap.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who reads, from the verified token: {@code sub} = user id, {@code roles}, {@code team_id} (the team the user is a
 * member of) and {@code managed_teams} (the teams whose manager the user is, when signed in; null for a token without
 * the claim, such as those issued before it existed). Ids are lower-cased, as streams keys its cells.
 */
record Viewer(String userId, Set<String> roles, String teamId, List<String> managedTeams) {

    static final Set<String> SEE_EVERYTHING = Set.of("EXECUTIVE", "ANALYST", "ADMIN");

    static Viewer of(String subject, Object rolesClaim, Object teamClaim) {
        return of(subject, rolesClaim, teamClaim, null);
    }

    static Viewer of(String subject, Object rolesClaim, Object teamClaim, Object managedTeamsClaim) {
        return new Viewer(lower(subject), roles(rolesClaim), teamClaim == null ? null : lower(String.valueOf(teamClaim)),
                managedTeamsClaim == null ? null : ids(managedTeamsClaim));
    }

    boolean seesEverything() {
        return roles.stream().anyMatch(SEE_EVERYTHING::contains);
    }

    boolean manager() {
        return roles.contains("MANAGER");
    }

    /**
     * The teams a manager sees with everything below them: those of {@code managed_teams} when the token has the
     * claim (none for a manager managing nothing), else the token's own team as before the claim; none for others.
     */
    List<String> roots() {
        if (!manager()) {
            return List.of();
        }
        if (managedTeams != null) {
            return managedTeams;
        }
        return teamId == null || teamId.isBlank() ? List.of() : List.of(teamId);
    }

    // A list, or a space-separated string (as some issuers write scopes); case-insensitive.
    private static Set<String> roles(Object claim) {
        return values(claim).stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    private static List<String> ids(Object claim) {
        return values(claim).stream().map(Viewer::lower).filter(v -> !v.isBlank()).distinct().toList();
    }

    private static List<String> values(Object claim) {
        Collection<?> values = claim instanceof Collection<?> c ? c
                : claim == null || String.valueOf(claim).isBlank() ? List.of() : List.of(String.valueOf(claim).trim().split("\\s+"));
        return values.stream().filter(v -> v != null).map(String::valueOf).toList();
    }

    private static String lower(String text) {
        return text == null ? null : text.toLowerCase(Locale.ROOT);
    }
}
