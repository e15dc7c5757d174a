package com.pulse.api.lead;

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

/** SQL for leads. Every value is bound, never concatenated. The contact name is the column {@code name}. */
@Repository
class LeadRepository implements Lifecycle.Store<Lead> {

    private static final String COLUMNS = """
            id, source, campaign_id, company, name, title, email, phone, status, disqualified_reason, converted_at,
            converted_account_id, converted_contact_id, converted_opportunity_id, owner_id, created_at, updated_at,
            deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Lead> table;
    private final HistoryTable history;

    LeadRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "leads", COLUMNS, LeadRepository::read);
        this.history = new HistoryTable(db, "lead_history", "lead_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Lead> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Lead> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Lead> findAny(UUID id) {
        return table.findAny(id);
    }

    /** True if the campaign exists and is not in the recycle bin. */
    Mono<Boolean> liveCampaign(UUID id) {
        return db.sql("SELECT 1 FROM campaigns WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(Lead l) {
        return bindAll(db.sql("""
                INSERT INTO leads (id, source, campaign_id, company, name, title, email, phone, status, disqualified_reason,
                    converted_at, converted_account_id, converted_contact_id, converted_opportunity_id, owner_id,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :source, :campaignId, :company, :name, :title, :email, :phone, :status, :reason,
                    :convertedAt, :accountId, :contactId, :opportunityId, :ownerId,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), l).then();
    }

    @Override
    public Mono<Long> update(Lead l) {
        return bindAll(db.sql("""
                UPDATE leads SET source = :source, campaign_id = :campaignId, company = :company, name = :name,
                    title = :title, email = :email, phone = :phone, status = :status, disqualified_reason = :reason,
                    converted_at = :convertedAt, converted_account_id = :accountId, converted_contact_id = :contactId,
                    converted_opportunity_id = :opportunityId, owner_id = :ownerId, created_at = :createdAt,
                    updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), l)
                .bind("previousVersion", l.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live leads (one row more than the page, see {@link ListRequest}). */
    Flux<Lead> page(LeadFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.source() != null) {
            sql.append(" AND source = :source");
        }
        if (f.campaignId() != null) {
            sql.append(" AND campaign_id = :campaignId");
        }
        if (f.ownerId() != null) {
            sql.append(" AND owner_id = :ownerId");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND (strpos(lower(name), lower(:q)) > 0 OR strpos(lower(coalesce(company, '')), lower(:q)) > 0)");
        }
        scope.restrictOwner(sql, "owner_id");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        if (f.status() != null) {
            spec = spec.bind("status", f.status());
        }
        if (f.source() != null) {
            spec = spec.bind("source", f.source());
        }
        if (f.campaignId() != null) {
            spec = spec.bind("campaignId", f.campaignId());
        }
        if (f.ownerId() != null) {
            spec = spec.bind("ownerId", f.ownerId());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(LeadRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Lead l) {
        spec = spec.bind("id", l.id())
                .bind("source", l.source())
                .bind("name", l.contactName())
                .bind("status", l.status())
                .bind("createdAt", l.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", l.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", l.version());
        spec = EntityTable.nullable(spec, "campaignId", l.campaignId(), UUID.class);
        spec = EntityTable.nullable(spec, "company", l.company(), String.class);
        spec = EntityTable.nullable(spec, "title", l.title(), String.class);
        spec = EntityTable.nullable(spec, "email", l.email(), String.class);
        spec = EntityTable.nullable(spec, "phone", l.phone(), String.class);
        spec = EntityTable.nullable(spec, "reason", l.disqualifiedReason(), String.class);
        spec = EntityTable.timestamp(spec, "convertedAt", l.convertedAt());
        spec = EntityTable.nullable(spec, "accountId", l.convertedAccountId(), UUID.class);
        spec = EntityTable.nullable(spec, "contactId", l.convertedContactId(), UUID.class);
        spec = EntityTable.nullable(spec, "opportunityId", l.convertedOpportunityId(), UUID.class);
        spec = EntityTable.nullable(spec, "ownerId", l.ownerId(), UUID.class);
        spec = EntityTable.timestamp(spec, "deletedAt", l.deletedAt());
        return spec;
    }

    static Lead read(Readable row) {
        return new Lead(
                row.get("id", UUID.class),
                row.get("source", String.class),
                row.get("campaign_id", UUID.class),
                row.get("company", String.class),
                row.get("name", String.class),
                row.get("title", String.class),
                row.get("email", String.class),
                row.get("phone", String.class),
                row.get("status", String.class),
                row.get("disqualified_reason", String.class),
                EntityTable.instant(row, "converted_at"),
                row.get("converted_account_id", UUID.class),
                row.get("converted_contact_id", UUID.class),
                row.get("converted_opportunity_id", UUID.class),
                row.get("owner_id", UUID.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
