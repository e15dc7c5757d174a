package com.pulse.api.campaign;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for campaigns. Every value is bound, never concatenated. */
@Repository
class CampaignRepository implements Lifecycle.Store<Campaign> {

    private static final String COLUMNS = """
            id, name, channel, budget, actual_cost, start_date, end_date, status, created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Campaign> table;
    private final HistoryTable history;

    CampaignRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "campaigns", COLUMNS, CampaignRepository::read);
        this.history = new HistoryTable(db, "campaign_history", "campaign_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Campaign> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Campaign> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    @Override
    public Mono<Void> insert(Campaign c) {
        return bindAll(db.sql("""
                INSERT INTO campaigns (id, name, channel, budget, actual_cost, start_date, end_date, status,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :name, :channel, :budget, :actualCost, :startDate, :endDate, :status,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), c).then();
    }

    @Override
    public Mono<Long> update(Campaign c) {
        return bindAll(db.sql("""
                UPDATE campaigns SET name = :name, channel = :channel, budget = :budget, actual_cost = :actualCost,
                    start_date = :startDate, end_date = :endDate, status = :status, created_at = :createdAt,
                    updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), c)
                .bind("previousVersion", c.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live campaigns (one row more than the page, see {@link ListRequest}). */
    Flux<Campaign> page(CampaignFilter f, ListRequest request) {
        StringBuilder sql = table.selectLive();
        if (f.channel() != null) {
            sql.append(" AND channel = :channel");
        }
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND strpos(lower(name), lower(:q)) > 0");
        }
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = request.bind(db.sql(sql.toString()));
        if (f.channel() != null) {
            spec = spec.bind("channel", f.channel());
        }
        if (f.status() != null) {
            spec = spec.bind("status", f.status());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(CampaignRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Campaign c) {
        spec = spec.bind("id", c.id())
                .bind("name", c.name())
                .bind("channel", c.channel())
                .bind("status", c.status())
                .bind("createdAt", c.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", c.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", c.version());
        spec = EntityTable.nullable(spec, "budget", c.budget(), BigDecimal.class);
        spec = EntityTable.nullable(spec, "actualCost", c.actualCost(), BigDecimal.class);
        spec = EntityTable.nullable(spec, "startDate", c.startDate(), LocalDate.class);
        spec = EntityTable.nullable(spec, "endDate", c.endDate(), LocalDate.class);
        spec = EntityTable.timestamp(spec, "deletedAt", c.deletedAt());
        return spec;
    }

    static Campaign read(Readable row) {
        return new Campaign(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("channel", String.class),
                row.get("budget", BigDecimal.class),
                row.get("actual_cost", BigDecimal.class),
                row.get("start_date", LocalDate.class),
                row.get("end_date", LocalDate.class),
                row.get("status", String.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
