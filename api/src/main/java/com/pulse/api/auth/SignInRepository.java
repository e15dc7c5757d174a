package com.pulse.api.auth;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Looks a live user up by username (case-insensitive, as the unique index compares them). */
@Repository
class SignInRepository {

    private final DatabaseClient db;

    SignInRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<SignInUser> find(String username) {
        return db.sql("""
                        SELECT id, username, roles, team_id, locale, time_zone, active, password_hash
                        FROM users WHERE lower(username) = lower(:username) AND deleted_at IS NULL""")
                .bind("username", username)
                .map(row -> {
                    String[] roles = row.get("roles", String[].class);
                    return new SignInUser(row.get("id", UUID.class), row.get("username", String.class),
                            roles == null ? List.of() : Arrays.asList(roles), row.get("team_id", UUID.class),
                            row.get("locale", String.class), row.get("time_zone", String.class),
                            Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("password_hash", String.class));
                })
                .one();
    }
}
