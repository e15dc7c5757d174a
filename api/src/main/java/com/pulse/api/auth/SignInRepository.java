package com.pulse.api.auth;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Looks a live user up by username (case-insensitive, as the unique index compares them), with the live teams whose
 * manager they are ({@code teams.manager_id}, binned teams left out), in one statement.
 */
@Repository
class SignInRepository {

    private final DatabaseClient db;

    SignInRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<SignInUser> find(String username) {
        return db.sql("""
                        SELECT u.id, u.username, u.roles, u.team_id, u.locale, u.time_zone, u.active, u.password_hash,
                               ARRAY(SELECT t.id FROM teams t WHERE t.manager_id = u.id AND t.deleted_at IS NULL
                                     ORDER BY t.id) AS managed_teams
                        FROM users u WHERE lower(u.username) = lower(:username) AND u.deleted_at IS NULL""")
                .bind("username", username)
                .map(row -> {
                    String[] roles = row.get("roles", String[].class);
                    UUID[] managed = row.get("managed_teams", UUID[].class);
                    return new SignInUser(row.get("id", UUID.class), row.get("username", String.class),
                            roles == null ? List.of() : Arrays.asList(roles), row.get("team_id", UUID.class),
                            managed == null ? List.of() : List.of(managed),
                            row.get("locale", String.class), row.get("time_zone", String.class),
                            Boolean.TRUE.equals(row.get("active", Boolean.class)), row.get("password_hash", String.class));
                })
                .one();
    }
}
