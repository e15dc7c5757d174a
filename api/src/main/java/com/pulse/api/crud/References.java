package com.pulse.api.crud;

import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Whether the records a request points at exist: live accounts, users. */
@Component
public class References {

    private final DatabaseClient db;

    References(DatabaseClient db) {
        this.db = db;
    }

    /** True if the account exists and is not in the recycle bin. */
    public Mono<Boolean> liveAccount(UUID id) {
        return db.sql("SELECT 1 FROM accounts WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    /** True if every one of {@code ids} is a user (duplicates count once). */
    public Mono<Boolean> allUsers(List<UUID> ids) {
        List<UUID> distinct = ids.stream().distinct().toList();
        if (distinct.isEmpty()) {
            return Mono.just(true);
        }
        return db.sql("SELECT count(*) FROM users WHERE id = ANY(:ids)")
                .bind("ids", distinct.toArray(UUID[]::new))
                .map(row -> row.get(0, Long.class)).one()
                .map(n -> n == distinct.size());
    }
}
