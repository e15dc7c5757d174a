package com.pulse.api.target;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.DataScope;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for targets. Every value is bound, never concatenated. */
@Repository
class TargetRepository implements Lifecycle.Store<Target> {

    private static final String COLUMNS = """
            id, scope_type, scope_id, period_type, period, metric, value, created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Target> table;
    private final HistoryTable history;

    TargetRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "targets", COLUMNS, TargetRepository::read);
        this.history = new HistoryTable(db, "target_history", "target_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Target> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Target> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Target> findAny(UUID id) {
        return table.findAny(id);
    }

    /** True if the scope is a team or a user, as {@code scopeType} says. */
    Mono<Boolean> scopeExists(String scopeType, UUID id) {
        String sql = scopeType.equals("TEAM") ? "SELECT 1 FROM teams WHERE id = :id" : "SELECT 1 FROM users WHERE id = :id";
        return db.sql(sql).bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    /** The live target with the same scope, period and metric as {@code t}, other than {@code t} itself. */
    Mono<UUID> liveTwin(Target t) {
        return db.sql("""
                SELECT id FROM targets WHERE scope_type = :scopeType AND scope_id = :scopeId AND period = :period
                    AND metric = :metric AND deleted_at IS NULL AND id <> :id""")
                .bind("scopeType", t.scopeType()).bind("scopeId", t.scopeId()).bind("period", t.period())
                .bind("metric", t.metric()).bind("id", t.id())
                .map(row -> row.get("id", UUID.class)).first();
    }

    @Override
    public Mono<Void> insert(Target t) {
        return bindAll(db.sql("""
                INSERT INTO targets (id, scope_type, scope_id, period_type, period, metric, value,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :scopeType, :scopeId, :periodType, :period, :metric, :value,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), t).then();
    }

    @Override
    public Mono<Long> update(Target t) {
        return bindAll(db.sql("""
                UPDATE targets SET scope_type = :scopeType, scope_id = :scopeId, period_type = :periodType, period = :period,
                    metric = :metric, value = :value, created_at = :createdAt, updated_at = :updatedAt,
                    deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), t)
                .bind("previousVersion", t.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live targets (one row more than the page, see {@link ListRequest}). */
    Flux<Target> page(TargetFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        if (f.scopeType() != null) {
            sql.append(" AND scope_type = :scopeType");
        }
        if (f.scopeId() != null) {
            sql.append(" AND scope_id = :scopeId");
        }
        if (f.periodType() != null) {
            sql.append(" AND period_type = :periodType");
        }
        if (f.period() != null) {
            sql.append(" AND period = :period");
        }
        if (f.metric() != null) {
            sql.append(" AND metric = :metric");
        }
        if (f.q() != null) {
            sql.append(" AND starts_with(period, :q)");
        }
        scope.restrictTarget(sql);
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        if (f.scopeType() != null) {
            spec = spec.bind("scopeType", f.scopeType());
        }
        if (f.scopeId() != null) {
            spec = spec.bind("scopeId", f.scopeId());
        }
        if (f.periodType() != null) {
            spec = spec.bind("periodType", f.periodType());
        }
        if (f.period() != null) {
            spec = spec.bind("period", f.period());
        }
        if (f.metric() != null) {
            spec = spec.bind("metric", f.metric());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(TargetRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Target t) {
        spec = spec.bind("id", t.id())
                .bind("scopeType", t.scopeType())
                .bind("scopeId", t.scopeId())
                .bind("periodType", t.periodType())
                .bind("period", t.period())
                .bind("metric", t.metric())
                .bind("value", t.value())
                .bind("createdAt", t.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", t.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", t.version());
        return EntityTable.timestamp(spec, "deletedAt", t.deletedAt());
    }

    static Target read(Readable row) {
        return new Target(
                row.get("id", UUID.class),
                row.get("scope_type", String.class),
                row.get("scope_id", UUID.class),
                row.get("period_type", String.class),
                row.get("period", String.class),
                row.get("metric", String.class),
                row.get("value", BigDecimal.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
