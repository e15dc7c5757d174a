package com.pulse.olap.query;

import java.util.Objects;

/**
 * Whose facts a caller may aggregate (METRICS.md §Scopes), put into every query before any filter of the caller:
 * everything, a team with the teams below it (its id is an element of the fact's {@code team_path}), or one owner.
 */
public record DataScope(Kind kind, String id) {

    public enum Kind { ALL, TEAM, OWNER }

    public static final DataScope ALL = new DataScope(Kind.ALL, null);

    public DataScope {
        Objects.requireNonNull(kind, "kind");
        // a blank team id would match the facts that have no team path at all
        if (kind != Kind.ALL && (id == null || id.isBlank())) {
            throw new IllegalArgumentException("a " + kind + " scope needs an id");
        }
    }

    public static DataScope team(String teamId) {
        return new DataScope(Kind.TEAM, teamId);
    }

    public static DataScope owner(String userId) {
        return new DataScope(Kind.OWNER, userId);
    }
}
