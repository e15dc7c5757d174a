package com.pulse.api.team;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for teams. Every value is bound, never concatenated. */
@Repository
class TeamRepository implements Lifecycle.Store<Team> {

    private static final String COLUMNS = "id, name, parent_id, manager_id, created_at, updated_at, deleted_at, version";

    private final DatabaseClient db;
    private final EntityTable<Team> table;
    private final HistoryTable history;

    TeamRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "teams", COLUMNS, TeamRepository::read);
        this.history = new HistoryTable(db, "team_history", "team_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Team> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Team> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    Mono<Boolean> live(UUID id) {
        return find(id).map(t -> true).defaultIfEmpty(false);
    }

    Mono<Boolean> userExists(UUID id) {
        return db.sql("SELECT 1 FROM users WHERE id = :id AND deleted_at IS NULL").bind("id", id)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(Team t) {
        return bindAll(db.sql("""
                INSERT INTO teams (id, name, parent_id, manager_id, created_at, updated_at, deleted_at, version)
                VALUES (:id, :name, :parentId, :managerId, :createdAt, :updatedAt, :deletedAt, :version)"""), t).then();
    }

    @Override
    public Mono<Long> update(Team t) {
        return bindAll(db.sql("""
                UPDATE teams SET name = :name, parent_id = :parentId, manager_id = :managerId, created_at = :createdAt,
                    updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), t)
                .bind("previousVersion", t.version() - 1)
                .fetch().rowsUpdated();
    }

    Flux<Team> page(TeamFilter f, ListRequest request) {
        StringBuilder sql = table.selectLive();
        if (f.parentId() != null) {
            sql.append(" AND parent_id = :parentId");
        }
        if (f.managerId() != null) {
            sql.append(" AND manager_id = :managerId");
        }
        if (f.q() != null) {
            sql.append(" AND strpos(lower(name), lower(:q)) > 0");
        }
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = request.bind(db.sql(sql.toString()));
        if (f.parentId() != null) {
            spec = spec.bind("parentId", f.parentId());
        }
        if (f.managerId() != null) {
            spec = spec.bind("managerId", f.managerId());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(TeamRepository::read).all();
    }

    /** Serialises tree changes until the transaction ends, so two concurrent moves cannot together close a cycle. */
    Mono<Void> lockTree() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('pulse.teams.tree'))").then();
    }

    /** True if {@code team} is {@code parent} or one of its ancestors, i.e. making it the parent would close a cycle. */
    Mono<Boolean> isAncestorOrSelf(UUID team, UUID parent) {
        // UNION (not UNION ALL) stops at rows already seen, so even a damaged tree cannot loop forever.
        return db.sql("""
                        WITH RECURSIVE up (id, parent_id) AS (
                            SELECT id, parent_id FROM teams WHERE id = :parent
                            UNION
                            SELECT t.id, t.parent_id FROM teams t JOIN up ON t.id = up.parent_id)
                        SELECT 1 FROM up WHERE id = :team LIMIT 1""")
                .bind("parent", parent).bind("team", team)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Team t) {
        spec = spec.bind("id", t.id())
                .bind("name", t.name())
                .bind("createdAt", t.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", t.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", t.version());
        spec = EntityTable.nullable(spec, "parentId", t.parentId(), UUID.class);
        spec = EntityTable.nullable(spec, "managerId", t.managerId(), UUID.class);
        return EntityTable.timestamp(spec, "deletedAt", t.deletedAt());
    }

    static Team read(Readable row) {
        return new Team(row.get("id", UUID.class), row.get("name", String.class), row.get("parent_id", UUID.class),
                row.get("manager_id", UUID.class), EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"), EntityTable.instant(row, "deleted_at"), row.get("version", Long.class));
    }
}
