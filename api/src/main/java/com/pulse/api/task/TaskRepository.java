package com.pulse.api.task;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.DataScope;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for tasks. Every value is bound, never concatenated. */
@Repository
class TaskRepository implements Lifecycle.Store<Task> {

    private static final String COLUMNS = """
            id, title, assignee_id, due, status, account_id, opportunity_id, created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Task> table;
    private final HistoryTable history;

    TaskRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "tasks", COLUMNS, TaskRepository::read);
        this.history = new HistoryTable(db, "task_history", "task_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Task> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Task> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Task> findAny(UUID id) {
        return table.findAny(id);
    }

    Mono<Boolean> user(UUID id) {
        return db.sql("SELECT 1 FROM users WHERE id = :id").bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(Task t) {
        return bindAll(db.sql("""
                INSERT INTO tasks (id, title, assignee_id, due, status, account_id, opportunity_id,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :title, :assigneeId, :due, :status, :accountId, :opportunityId,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), t).then();
    }

    @Override
    public Mono<Long> update(Task t) {
        return bindAll(db.sql("""
                UPDATE tasks SET title = :title, assignee_id = :assigneeId, due = :due, status = :status,
                    account_id = :accountId, opportunity_id = :opportunityId, created_at = :createdAt,
                    updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), t)
                .bind("previousVersion", t.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live tasks (one row more than the page, see {@link ListRequest}). */
    Flux<Task> page(TaskFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        if (f.assigneeId() != null) {
            sql.append(" AND assignee_id = :assigneeId");
        }
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.dueBefore() != null) {
            sql.append(" AND due < :dueBefore");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND strpos(lower(title), lower(:q)) > 0");
        }
        scope.restrictOwner(sql, "assignee_id");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        if (f.assigneeId() != null) {
            spec = spec.bind("assigneeId", f.assigneeId());
        }
        if (f.status() != null) {
            spec = spec.bind("status", f.status());
        }
        if (f.dueBefore() != null) {
            spec = spec.bind("dueBefore", f.dueBefore().atOffset(ZoneOffset.UTC));
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(TaskRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Task t) {
        spec = spec.bind("id", t.id())
                .bind("title", t.title())
                .bind("assigneeId", t.assigneeId())
                .bind("status", t.status())
                .bind("createdAt", t.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", t.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", t.version());
        spec = EntityTable.nullable(spec, "accountId", t.accountId(), UUID.class);
        spec = EntityTable.nullable(spec, "opportunityId", t.opportunityId(), UUID.class);
        spec = EntityTable.timestamp(spec, "due", t.due());
        spec = EntityTable.timestamp(spec, "deletedAt", t.deletedAt());
        return spec;
    }

    static Task read(Readable row) {
        return new Task(
                row.get("id", UUID.class),
                row.get("title", String.class),
                row.get("assignee_id", UUID.class),
                EntityTable.instant(row, "due"),
                row.get("status", String.class),
                row.get("account_id", UUID.class),
                row.get("opportunity_id", UUID.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
