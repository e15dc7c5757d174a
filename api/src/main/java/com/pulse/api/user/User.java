package com.pulse.api.user;

import com.pulse.api.crud.Versioned;
import com.pulse.events.UserSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A user as stored (one row of {@code users}). {@code passwordHash} (BCrypt) stays inside the API:
 * it is not part of the snapshot that responses and events carry, nor of {@link #toString()}.
 */
record User(
        UUID id,
        String username,
        String name,
        String email,
        String mobile,
        String locale,
        String timeZone,
        List<String> roles,
        UUID teamId,
        boolean active,
        String passwordHash,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    User {
        roles = List.copyOf(roles);
    }

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    UserSnapshot snapshot() {
        return new UserSnapshot(id, username, name, email, mobile, locale, timeZone, roles, teamId, active,
                createdAt, updatedAt, deleted(), version);
    }

    User binned(Instant at, Instant now) {
        return new User(id, username, name, email, mobile, locale, timeZone, roles, teamId, active, passwordHash,
                createdAt, now, at, version + 1);
    }

    User withPassword(String hash, Instant now) {
        return new User(id, username, name, email, mobile, locale, timeZone, roles, teamId, active, hash,
                createdAt, now, deletedAt, version + 1);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", version=" + version + "]";
    }
}
