package com.pulse.api.activity;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.DataScope;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for activities. Every value is bound, never concatenated. */
@Repository
class ActivityRepository implements Lifecycle.Store<Activity> {

    private static final String COLUMNS = """
            id, type, subject, notes, account_id, contact_id, opportunity_id, due_at, completed_at, owner_id,
            created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Activity> table;
    private final HistoryTable history;

    ActivityRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "activities", COLUMNS, ActivityRepository::read);
        this.history = new HistoryTable(db, "activity_history", "activity_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Activity> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Activity> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Activity> findAny(UUID id) {
        return table.findAny(id);
    }

    Mono<Boolean> user(UUID id) {
        return db.sql("SELECT 1 FROM users WHERE id = :id").bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(Activity a) {
        return bindAll(db.sql("""
                INSERT INTO activities (id, type, subject, notes, account_id, contact_id, opportunity_id, due_at, completed_at,
                    owner_id, created_at, updated_at, deleted_at, version)
                VALUES (:id, :type, :subject, :notes, :accountId, :contactId, :opportunityId, :dueAt, :completedAt,
                    :ownerId, :createdAt, :updatedAt, :deletedAt, :version)"""), a).then();
    }

    @Override
    public Mono<Long> update(Activity a) {
        return bindAll(db.sql("""
                UPDATE activities SET type = :type, subject = :subject, notes = :notes, account_id = :accountId,
                    contact_id = :contactId, opportunity_id = :opportunityId, due_at = :dueAt, completed_at = :completedAt,
                    owner_id = :ownerId, created_at = :createdAt, updated_at = :updatedAt, deleted_at = :deletedAt,
                    version = :version
                WHERE id = :id AND version = :previousVersion"""), a)
                .bind("previousVersion", a.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live activities (one row more than the page, see {@link ListRequest}). */
    Flux<Activity> page(ActivityFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        Map<String, Object> binds = new LinkedHashMap<>();
        condition(sql, binds, "type = :type", "type", f.type());
        condition(sql, binds, "owner_id = :ownerId", "ownerId", f.ownerId());
        condition(sql, binds, "account_id = :accountId", "accountId", f.accountId());
        condition(sql, binds, "contact_id = :contactId", "contactId", f.contactId());
        condition(sql, binds, "opportunity_id = :opportunityId", "opportunityId", f.opportunityId());
        condition(sql, binds, "due_at < :dueBefore", "dueBefore", f.dueBefore() == null ? null : f.dueBefore().atOffset(ZoneOffset.UTC));
        condition(sql, binds, "due_at >= :dueAfter", "dueAfter", f.dueAfter() == null ? null : f.dueAfter().atOffset(ZoneOffset.UTC));
        // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
        condition(sql, binds, "strpos(lower(subject), lower(:q)) > 0", "q", f.q());
        if (f.completed() != null) {
            sql.append(f.completed() ? " AND completed_at IS NOT NULL" : " AND completed_at IS NULL");
        }
        scope.restrictOwner(sql, "owner_id");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        for (Map.Entry<String, Object> b : binds.entrySet()) {
            spec = spec.bind(b.getKey(), b.getValue());
        }
        return spec.map(ActivityRepository::read).all();
    }

    private static void condition(StringBuilder sql, Map<String, Object> binds, String condition, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(condition);
            binds.put(name, value);
        }
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Activity a) {
        spec = spec.bind("id", a.id())
                .bind("type", a.type())
                .bind("subject", a.subject())
                .bind("createdAt", a.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", a.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", a.version());
        spec = EntityTable.nullable(spec, "notes", a.notes(), String.class);
        spec = EntityTable.nullable(spec, "accountId", a.accountId(), UUID.class);
        spec = EntityTable.nullable(spec, "contactId", a.contactId(), UUID.class);
        spec = EntityTable.nullable(spec, "opportunityId", a.opportunityId(), UUID.class);
        spec = EntityTable.nullable(spec, "ownerId", a.ownerId(), UUID.class);
        spec = EntityTable.timestamp(spec, "dueAt", a.dueAt());
        spec = EntityTable.timestamp(spec, "completedAt", a.completedAt());
        spec = EntityTable.timestamp(spec, "deletedAt", a.deletedAt());
        return spec;
    }

    static Activity read(Readable row) {
        return new Activity(
                row.get("id", UUID.class),
                row.get("type", String.class),
                row.get("subject", String.class),
                row.get("notes", String.class),
                row.get("account_id", UUID.class),
                row.get("contact_id", UUID.class),
                row.get("opportunity_id", UUID.class),
                EntityTable.instant(row, "due_at"),
                EntityTable.instant(row, "completed_at"),
                row.get("owner_id", UUID.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
