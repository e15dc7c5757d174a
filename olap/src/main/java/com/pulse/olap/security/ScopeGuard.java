package com.pulse.olap.security;

import com.pulse.olap.scope.Scope;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The data scope of METRICS.md §Scopes applied to a requested scope: EXECUTIVE, ANALYST and ADMIN see every
 * scope; a MANAGER their own team (token {@code team_id}), the teams below it and the owners in them, and
 * themselves; anybody else (REP, no Pulse role) only their own OWNER scope. Anything else is {@link ScopeNotVisible}.
 * With {@code pulse.olap.auth.enabled} off there is no token and every scope is readable.
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
     * The caller's whole data scope, for reads that aggregate facts directly (pivots): everything for EXECUTIVE,
     * ANALYST and ADMIN (and with auth off), the token's team with the teams below it for a MANAGER with a
     * {@code team_id}, else the caller's own records.
     */
    public Scope dataScope() {
        if (!properties.enabled()) {
            return Scope.THE_COMPANY;
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
     * team above it, or whoever sees everything (everybody with auth off).
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

    static Scope dataScope(Viewer viewer) {
        if (viewer.seesEverything()) {
            return Scope.THE_COMPANY;
        }
        if (viewer.manager() && viewer.teamId() != null && !viewer.teamId().isBlank()) {
            return new Scope(Scope.TEAM, viewer.teamId());
        }
        if (viewer.userId() == null || viewer.userId().isBlank()) {
            throw new ScopeNotVisible();
        }
        return new Scope(Scope.OWNER, viewer.userId());
    }

    boolean visible(Viewer viewer, Scope scope) {
        if (viewer.seesEverything()) {
            return true;
        }
        if (scope.type().equals(Scope.OWNER) && scope.id().equals(viewer.userId())) {
            return true;
        }
        if (!viewer.manager() || viewer.teamId() == null) {
            return false;
        }
        return switch (scope.type()) {
            case Scope.TEAM -> teams.teamWithin(scope.id(), viewer.teamId());
            case Scope.OWNER -> teams.ownerWithin(scope.id(), viewer.teamId());
            default -> false;
        };
    }

    private static Viewer viewer() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            Jwt jwt = token.getToken();
            return Viewer.of(jwt.getSubject(), jwt.getClaim("roles"), jwt.getClaim("team_id"));
        }
        // the filter chain lets no request through to /olap/v1 without a token; be safe anyway
        throw new ScopeNotVisible();
    }
}
