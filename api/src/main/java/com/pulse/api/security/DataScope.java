package com.pulse.api.security;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Which records a caller may see and change: everything ({@link #everything()}), or the records
 * owned by one of {@link #users()} (a manager's team subtree, or a rep alone), plus targets of one
 * of {@link #teams()}. Lists filter with the same sets in SQL ({@code owner_id = ANY(:scopeUsers)}).
 *
 * @param all   true for EXECUTIVE, ANALYST, ADMIN and system callers
 * @param users the owners whose records are visible (unused when {@code all})
 * @param teams the teams whose targets are visible and may be set (a manager's subtree; unused when {@code all})
 * @param ownTeam the caller's own team, whose targets are visible too (a rep sees what the team aims at) but
 *              not changeable through this scope; null when the caller has no team
 */
public record DataScope(boolean all, List<UUID> users, List<UUID> teams, UUID ownTeam) {

    private static final DataScope EVERYTHING = new DataScope(true, List.of(), List.of(), null);

    public DataScope {
        users = List.copyOf(users);
        teams = List.copyOf(teams);
    }

    public static DataScope everything() {
        return EVERYTHING;
    }

    /** True if a record owned by {@code owner} is visible; unowned records only to callers who see everything. */
    public boolean owns(UUID owner) {
        return all || (owner != null && users.contains(owner));
    }

    /** For accounts: owned by, or shared with, somebody in the scope. */
    public boolean ownsOrShared(UUID owner, Collection<UUID> sharedWith) {
        return owns(owner) || (!all && sharedWith.stream().anyMatch(users::contains));
    }

    /** For setting targets: a user target of a user in scope, or a team target of a team in scope. */
    public boolean target(String scopeType, UUID scopeId) {
        return all || ("USER".equals(scopeType) ? users.contains(scopeId) : teams.contains(scopeId));
    }

    /** For reading targets: those {@link #target} allows, plus the targets of the caller's own team. */
    public boolean seesTarget(String scopeType, UUID scopeId) {
        return target(scopeType, scopeId) || ("TEAM".equals(scopeType) && scopeId != null && scopeId.equals(ownTeam));
    }

    /** Appends {@code AND <column> = ANY(:scopeUsers)} unless everything is visible. */
    public void restrictOwner(StringBuilder sql, String column) {
        if (!all) {
            sql.append(" AND ").append(column).append(" = ANY(:scopeUsers)");
        }
    }

    /** Accounts: owned by or shared with the scope's users (array overlap). */
    public void restrictAccount(StringBuilder sql, String ownerColumn, String sharedColumn) {
        if (!all) {
            sql.append(" AND (").append(ownerColumn).append(" = ANY(:scopeUsers) OR ")
                    .append(sharedColumn).append(" && :scopeUsers)");
        }
    }

    /** Targets as read ({@link #seesTarget}): user targets of the scope's users, team targets of its teams and own team. */
    public void restrictTarget(StringBuilder sql) {
        if (!all) {
            sql.append(" AND ((scope_type = 'USER' AND scope_id = ANY(:scopeUsers))"
                    + " OR (scope_type = 'TEAM' AND scope_id = ANY(:scopeTeams)))");
        }
    }

    /** Binds what the restrict methods appended (nothing when everything is visible). */
    public DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, StringBuilder sql) {
        if (all) {
            return spec;
        }
        String text = sql.toString();
        if (text.contains(":scopeUsers")) {
            spec = spec.bind("scopeUsers", users.toArray(UUID[]::new));
        }
        if (text.contains(":scopeTeams")) {
            java.util.Set<UUID> seen = new java.util.LinkedHashSet<>(teams);
            if (ownTeam != null) {
                seen.add(ownTeam);
            }
            spec = spec.bind("scopeTeams", seen.toArray(UUID[]::new));
        }
        return spec;
    }
}
