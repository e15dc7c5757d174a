package com.pulse.api.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who makes a request: taken from the verified token (or a system caller for work the API does on
 * its own, such as the demo loader). Its {@link #actor()} is what history rows and events record.
 *
 * @param id       the token's subject: a user id, or a system caller's name
 * @param username the user's sign-in name (may be null for external tokens without one)
 * @param roles    the roles the token grants
 * @param teamId   the team claim of the token (informative: data scopes read the team from the database)
 * @param system   true for a system caller, which has full scope
 */
public record Caller(String id, String username, Set<Role> roles, UUID teamId, boolean system) {

    /** The demo loader and traffic simulator. */
    public static final Caller DEMO = system("demo");
    /** Start-up work such as creating the bootstrap administrator. */
    public static final Caller BOOTSTRAP = system("bootstrap");

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller system(String name) {
        return new Caller(name, name, EnumSet.of(Role.ADMIN), null, true);
    }

    /** A signed-in user. */
    public static Caller user(UUID id, String username, Set<Role> roles, UUID teamId) {
        return new Caller(id.toString(), username, roles, teamId, false);
    }

    /** What history rows and events record as the author of a change: the user id (token subject). */
    public String actor() {
        return id;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The user id, or null when the subject is not a Pulse user id (system callers, foreign subjects). */
    public UUID userId() {
        if (system) {
            return null;
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
