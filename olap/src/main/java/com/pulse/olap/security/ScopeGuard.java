package com.pulse.olap.security;

import com.pulse.olap.query.DataScope;
import com.pulse.olap.scope.Scope;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The data scope of METRICS.md §Scopes applied to a requested scope: EXECUTIVE, ANALYST and ADMIN see every
 * scope; a MANAGER the teams they manage (token {@code managed_teams}, as the api's DataScopes counts them), the
 * teams below those and the owners in them, and themselves; anybody else (REP, no Pulse role) only their own OWNER
 * scope. Anything else is {@link ScopeNotVisible}. A token without {@code managed_teams} (issued before the claim)
 * gives a manager the team of its {@code team_id} instead, as before. With {@code pulse.olap.auth.enabled} off there
 * is no token and every scope is readable.
 */
@Component
public class ScopeGuard {

    private final AuthProperties properties;
    private final TeamPaths teams;

    ScopeGuard(AuthProperties properties, TeamPaths teams) {
        this.properties = properties;
        this.teams = teams;
    }

    /** Returns {@code scope} if the caller may read it, else throws {@link ScopeNotVisible}. */
    public Scope check(Scope scope) {
        if (!properties.enabled()) {
            return scope;
        }
        if (!visible(viewer(), scope)) {
            throw new ScopeNotVisible();
        }
        return scope;
    }

    /**
     * The caller's whole data scope, for reads that aggregate facts directly (pivots, records): everything for
     * EXECUTIVE, ANALYST and ADMIN (and with auth off); for a MANAGER the subtrees of their roots ({@link Viewer#roots})
     * and their own records; else the caller's own records.
     */
    public DataScope dataScope() {
        if (!properties.enabled()) {
            return DataScope.ALL;
        }
        return dataScope(viewer());
    }

    /** The caller's user id (the token's {@code sub}), or null with auth off, when nobody is known. */
    public String userId() {
        if (!properties.enabled()) {
            return null;
        }
        return viewer().userId();
    }

    /** The caller's team (the token's {@code team_id}), or null: none in the token, or auth off. */
    public String teamId() {
        if (!properties.enabled()) {
            return null;
        }
        return viewer().teamId();
    }

    /**
     * Whether something shared with {@code team} reaches the caller: a member of that team, a manager of it or of a
     * team above it (their roots, as {@link #visible}), or whoever sees everything (everybody with auth off).
     */
    public boolean inTeamOrAbove(String team) {
        if (!properties.enabled()) {
            return true;
        }
        Viewer viewer = viewer();
        if (viewer.seesEverything()) {
            return true;
        }
        if (team == null || team.isBlank()) {
            return false;
        }
        String id = team.toLowerCase(java.util.Locale.ROOT);
        return id.equals(viewer.teamId()) || visible(viewer, new Scope(Scope.TEAM, id));
    }

    static DataScope dataScope(Viewer viewer) {
        if (viewer.seesEverything()) {
            return DataScope.ALL;
        }
        if (viewer.manager() && viewer.managedTeams() == null && viewer.teamId() != null && !viewer.teamId().isBlank()) {
            // a token from before managed_teams: the token's team and below, as then
            return DataScope.team(viewer.teamId());
        }
        if (viewer.userId() == null || viewer.userId().isBlank()) {
            throw new ScopeNotVisible();
        }
        return DataScope.teams(viewer.roots(), viewer.userId());
    }

    boolean visible(Viewer viewer, Scope scope) {
        if (viewer.seesEverything()) {
            return true;
        }
        if (scope.type().equals(Scope.OWNER) && scope.id().equals(viewer.userId())) {
            return true;
        }
        List<String> roots = viewer.roots();
        if (roots.isEmpty()) {
            return false;
        }
        return switch (scope.type()) {
            case Scope.TEAM -> teams.teamWithin(scope.id(), roots);
            case Scope.OWNER -> teams.ownerWithin(scope.id(), roots);
            default -> false;
        };
    }

    private static Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            // hasClaim, not a null check: an empty managed_teams (managing nothing) is not an absent one
            return Viewer.of(jwt.getSubject(), jwt.getClaim("roles"), jwt.getClaim("team_id"),
                    jwt.hasClaim("managed_teams") ? jwt.getClaim("managed_teams") : null);
        }
        // the filter chain lets no request through to /olap/v1 without a token; be safe anyway
        throw new ScopeNotVisible();
    }
}
