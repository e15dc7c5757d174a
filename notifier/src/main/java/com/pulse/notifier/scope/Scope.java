package com.pulse.notifier.scope;

import java.util.List;
import java.util.UUID;

/**
 * The api's data scope of one user, as the api resolves it (DataScopes): everything for EXECUTIVE,
 * ANALYST and ADMIN; a MANAGER's own records and those of every user in the teams they manage and
 * below; anybody else their own records only.
 *
 * @param users the owners whose records are in scope (unused when {@code all})
 */
public record Scope(boolean all, List<UUID> users) {

    public Scope {
        users = List.copyOf(users);
    }

    public static Scope everything() {
        return new Scope(true, List.of());
    }

    public boolean includes(String userId) {
        return all || users.stream().anyMatch(u -> u.toString().equals(userId));
    }

    /** What both scopes see: a rule a manager made for a rep reports only what the rep may see too. */
    public Scope intersect(Scope other) {
        if (all) {
            return other;
        }
        if (other.all) {
            return this;
        }
        return new Scope(false, users.stream().filter(other.users::contains).toList());
    }

    public UUID[] usersArray() {
        return users.toArray(UUID[]::new);
    }
}
