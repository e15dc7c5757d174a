package com.pulse.olap.query;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Whose facts a caller may aggregate (METRICS.md §Scopes), put into every query before any filter of the caller:
 * everything, a team with the teams below it (its id is an element of the fact's {@code team_path}), one owner, or
 * a manager's: the subtrees of several teams (those they manage) plus their own records.
 *
 * @param id    the team of a TEAM scope, the owner of an OWNER scope, the manager (own records) of a TEAMS scope
 * @param teams the teams of a TEAMS scope, each with the teams below it (empty otherwise)
 */
public record DataScope(Kind kind, String id, List<String> teams) {

    public enum Kind { ALL, TEAM, OWNER, TEAMS }

    public static final DataScope ALL = new DataScope(Kind.ALL, null);

    public DataScope {
        Objects.requireNonNull(kind, "kind");
        // a blank team id would match the facts that have no team path at all
        if (kind != Kind.ALL && (id == null || id.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " scope needs an id");
        }
        teams = teams == null ? List.of() : List.copyOf(new LinkedHashSet<>(teams));
        if (kind != Kind.TEAMS && !teams.isEmpty()) {
            throw new IllegalArgumentException("only a TEAMS scope has several teams");
        }
        if (teams.stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new IllegalArgumentException("a TEAMS scope needs team ids");
        }
    }

    public DataScope(Kind kind, String id) {
        this(kind, id, List.of());
    }

    public static DataScope team(String teamId) {
        return new DataScope(Kind.TEAM, teamId);
    }

    public static DataScope owner(String userId) {
        return new DataScope(Kind.OWNER, userId);
    }

    /**
     * A manager's scope: every team in {@code teamIds} with the teams below it, plus {@code ownerId}'s own records
     * (repeated ids count once). Managing nothing leaves the own records: that is the owner scope.
     */
    public static DataScope teams(List<String> teamIds, String ownerId) {
        return teamIds.isEmpty() ? owner(ownerId) : new DataScope(Kind.TEAMS, ownerId, teamIds);
    }

    /** For provenance and logs: {@code ALL}, {@code TEAM:id}, {@code OWNER:id}, {@code TEAMS:a,b+OWNER:id}. */
    public String describe() {
        return switch (kind) {
            case ALL -> "ALL";
            case TEAM, OWNER -> kind + ":" + id;
            case TEAMS -> "TEAMS:" + String.join(",", teams) + "+OWNER:" + id;
        };
    }
}
