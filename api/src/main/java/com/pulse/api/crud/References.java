package com.pulse.api.crud;

import com.pulse.api.security.DataScope;
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

    /**
     * True if the account exists, is not in the recycle bin, and is visible to the data scope in the
     * Reactor context ({@link Lifecycle} puts it there), so an invisible account reads as unknown.
     */
    public Mono<Boolean> liveAccount(UUID id) {
        return Mono.deferContextual(ctx -> {
            DataScope scope = ctx.<DataScope>getOrEmpty(DataScope.class).orElse(DataScope.everything());
            StringBuilder sql = new StringBuilder("SELECT 1 FROM accounts WHERE id = :id AND deleted_at IS NULL");
            scope.restrictAccount(sql, "owner_id", "shared_with");
            return scope.bind(db.sql(sql.toString()).bind("id", id), sql).map(row -> true).first().defaultIfEmpty(false);
        });
    }

    /**
     * True if the row of {@code table} (accounts, contacts or opportunities) is live and visible to the
     * data scope in the Reactor context.
     */
    public Mono<Boolean> live(String table, UUID id) {
        if (table.equals("accounts")) {
            return liveAccount(id);
        }
        if (!table.equals("contacts") && !table.equals("opportunities")) {
            throw new IllegalArgumentException(table);
        }
        return Mono.deferContextual(ctx -> {
            DataScope scope = ctx.<DataScope>getOrEmpty(DataScope.class).orElse(DataScope.everything());
            StringBuilder sql = new StringBuilder("SELECT 1 FROM " + table + " WHERE id = :id AND deleted_at IS NULL");
            scope.restrictOwner(sql, "owner_id");
            return scope.bind(db.sql(sql.toString()).bind("id", id), sql).map(row -> true).first().defaultIfEmpty(false);
        });
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
