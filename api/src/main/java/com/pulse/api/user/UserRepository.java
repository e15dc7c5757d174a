package com.pulse.api.user;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for users. Every value is bound, never concatenated. */
@Repository
class UserRepository implements Lifecycle.Store<User> {

    private static final String COLUMNS = """
            id, username, name, email, mobile, locale, time_zone, roles, team_id, active, password_hash,
            created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<User> table;
    private final HistoryTable history;

    UserRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "users", COLUMNS, UserRepository::read);
        this.history = new HistoryTable(db, "user_history", "user_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<User> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<User> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    Mono<Boolean> liveTeam(UUID id) {
        return db.sql("SELECT 1 FROM teams WHERE id = :id AND deleted_at IS NULL").bind("id", id)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    /** True if another user (in or out of the recycle bin) has this username, compared case-insensitively. */
    Mono<Boolean> usernameTaken(String username, UUID self) {
        return db.sql("SELECT 1 FROM users WHERE lower(username) = lower(:username) AND id <> :self LIMIT 1")
                .bind("username", username).bind("self", self).map(row -> true).first().defaultIfEmpty(false);
    }

    Mono<Boolean> emailTaken(String email, UUID self) {
        return db.sql("SELECT 1 FROM users WHERE email = :email AND id <> :self LIMIT 1")
                .bind("email", email).bind("self", self).map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(User u) {
        return bindAll(db.sql("""
                INSERT INTO users (id, username, name, email, mobile, locale, time_zone, roles, team_id, active, password_hash,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :username, :name, :email, :mobile, :locale, :timeZone, :roles, :teamId, :active, :passwordHash,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), u).then();
    }

    @Override
    public Mono<Long> update(User u) {
        return bindAll(db.sql("""
                UPDATE users SET username = :username, name = :name, email = :email, mobile = :mobile, locale = :locale,
                    time_zone = :timeZone, roles = :roles, team_id = :teamId, active = :active, password_hash = :passwordHash,
                    created_at = :createdAt, updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), u)
                .bind("previousVersion", u.version() - 1)
                .fetch().rowsUpdated();
    }

    Flux<User> page(UserFilter f, ListRequest request) {
        StringBuilder sql = table.selectLive();
        if (f.teamId() != null) {
            sql.append(" AND team_id = :teamId");
        }
        if (f.role() != null) {
            sql.append(" AND :role = ANY(roles)");
        }
        if (f.active() != null) {
            sql.append(" AND active = :active");
        }
        if (f.q() != null) {
            sql.append(" AND (strpos(lower(name), lower(:q)) > 0 OR strpos(lower(coalesce(username, '')), lower(:q)) > 0)");
        }
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = request.bind(db.sql(sql.toString()));
        if (f.teamId() != null) {
            spec = spec.bind("teamId", f.teamId());
        }
        if (f.role() != null) {
            spec = spec.bind("role", f.role());
        }
        if (f.active() != null) {
            spec = spec.bind("active", f.active());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(UserRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, User u) {
        spec = spec.bind("id", u.id())
                .bind("name", u.name())
                .bind("email", u.email())
                .bind("locale", u.locale())
                .bind("timeZone", u.timeZone())
                .bind("roles", u.roles().toArray(String[]::new))
                .bind("active", u.active())
                .bind("createdAt", u.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", u.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", u.version());
        spec = EntityTable.nullable(spec, "username", u.username(), String.class);
        spec = EntityTable.nullable(spec, "mobile", u.mobile(), String.class);
        spec = EntityTable.nullable(spec, "teamId", u.teamId(), UUID.class);
        spec = EntityTable.nullable(spec, "passwordHash", u.passwordHash(), String.class);
        return EntityTable.timestamp(spec, "deletedAt", u.deletedAt());
    }

    static User read(Readable row) {
        String[] roles = row.get("roles", String[].class);
        return new User(
                row.get("id", UUID.class),
                row.get("username", String.class),
                row.get("name", String.class),
                row.get("email", String.class),
                row.get("mobile", String.class),
                row.get("locale", String.class),
                row.get("time_zone", String.class),
                roles == null ? List.of() : Arrays.asList(roles),
                row.get("team_id", UUID.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                row.get("password_hash", String.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
