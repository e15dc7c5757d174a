package com.pulse.api.crud;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The field history of one entity type ({@code <entity>_history}). The table and column
 * names are constants of the entity's package, never request input; values are bound.
 */
public final class HistoryTable {

    private final DatabaseClient db;
    private final String insert;
    private final String select;

    public HistoryTable(DatabaseClient db, String table, String idColumn) {
        this.db = db;
        this.insert = "INSERT INTO " + table + " (" + idColumn + ", version, field, old_value, new_value, actor, changed_at) "
                + "SELECT :id, :version, c.field, c.old_value, c.new_value, :actor, :at "
                + "FROM unnest(CAST(:fields AS text[]), CAST(:olds AS text[]), CAST(:news AS text[])) AS c (field, old_value, new_value)";
        this.select = "SELECT version, field, old_value, new_value, actor, changed_at FROM " + table
                + " WHERE " + idColumn + " = :id ORDER BY version, id";
    }

    /** All rows of one change in a single statement. */
    public Mono<Void> append(UUID id, long version, String actor, Instant at, List<FieldChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return db.sql(insert)
                .bind("id", id)
                .bind("version", version)
                .bind("actor", actor)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("fields", changes.stream().map(FieldChange::field).toArray(String[]::new))
                .bind("olds", changes.stream().map(FieldChange::oldValue).toArray(String[]::new))
                .bind("news", changes.stream().map(FieldChange::newValue).toArray(String[]::new))
                .then();
    }

    public Flux<HistoryEntry> read(UUID id) {
        return db.sql(select).bind("id", id).map(row -> new HistoryEntry(
                row.get("version", Long.class),
                row.get("field", String.class),
                row.get("old_value", String.class),
                row.get("new_value", String.class),
                row.get("actor", String.class),
                row.get("changed_at", OffsetDateTime.class).toInstant())).all();
    }
}
