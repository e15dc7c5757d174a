package com.pulse.api.crud;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The reads every versioned table with a recycle bin ({@code deleted_at}) answers by id, and
 * the binding helpers its repository shares. Table and column names are constants of the
 * entity's package, never request input.
 */
public final class EntityTable<T> {

    private final DatabaseClient db;
    private final String table;
    private final String columns;
    private final Function<Readable, T> reader;

    public EntityTable(DatabaseClient db, String table, String columns, Function<Readable, T> reader) {
        this.db = db;
        this.table = table;
        this.columns = columns;
        this.reader = reader;
    }

    /** The record unless it is in the recycle bin. */
    public Mono<T> findLive(UUID id) {
        return db.sql("SELECT " + columns + " FROM " + table + " WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(reader::apply).one();
    }

    /** The record, in or out of the recycle bin (for its history). */
    public Mono<T> findAny(UUID id) {
        return db.sql("SELECT " + columns + " FROM " + table + " WHERE id = :id").bind("id", id).map(reader::apply).one();
    }

    /**
     * Reads and row-locks the record, in or out of the recycle bin. NO KEY UPDATE, not UPDATE: it
     * serialises writers of the row just as well, but lets others' foreign-key checks (KEY SHARE)
     * through, so two rows pointing at each other (A under B, B under A) cannot deadlock.
     */
    public Mono<T> lock(UUID id) {
        return db.sql("SELECT " + columns + " FROM " + table + " WHERE id = :id FOR NO KEY UPDATE")
                .bind("id", id).map(reader::apply).one();
    }

    /** True if the record exists, in or out of the recycle bin. */
    public Mono<Boolean> exists(UUID id) {
        return db.sql("SELECT 1 FROM " + table + " WHERE id = :id").bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    /** {@code SELECT <columns> FROM <table> WHERE deleted_at IS NULL}, for lists to append their conditions to. */
    public StringBuilder selectLive() {
        return new StringBuilder("SELECT " + columns + " FROM " + table + " WHERE deleted_at IS NULL");
    }

    public static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value,
                                                             Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    /** Binds a timestamp, or a typed null. */
    public static DatabaseClient.GenericExecuteSpec timestamp(DatabaseClient.GenericExecuteSpec spec, String name, Instant value) {
        return nullable(spec, name, value == null ? null : value.atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }

    public static Instant instant(Readable row, String column) {
        OffsetDateTime t = row.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
