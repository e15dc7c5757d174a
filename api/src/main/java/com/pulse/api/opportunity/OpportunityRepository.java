package com.pulse.api.opportunity;

import com.pulse.api.security.DataScope;
import com.pulse.api.crud.ListRequest;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for opportunities and their history. Every value is bound, never concatenated. */
@Repository
class OpportunityRepository {

    private static final String COLUMNS = """
            id, account_id, owner_id, name, stage, amount, currency, amount_base, probability, forecast_category,
            expected_close_date, closed_at, created_at, updated_at, deleted_at, version, lost_reason, source, competitors, lines""";

    private final DatabaseClient db;

    OpportunityRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Opportunity> find(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM opportunities WHERE id = :id AND deleted_at IS NULL")
                .bind("id", id).map(OpportunityRepository::read).one();
    }

    /** Reads and row-locks the opportunity, so concurrent changes to it serialise (and their outbox rows stay in version order). */
    Mono<Opportunity> lock(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM opportunities WHERE id = :id AND deleted_at IS NULL FOR UPDATE")
                .bind("id", id).map(OpportunityRepository::read).one();
    }

    /** As {@link #lock}, but also finds an opportunity in the recycle bin (to restore it, or to say it is already there). */
    Mono<Opportunity> lockAny(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM opportunities WHERE id = :id FOR UPDATE")
                .bind("id", id).map(OpportunityRepository::read).one();
    }

    /** In or out of the recycle bin. */
    Mono<Opportunity> findAny(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM opportunities WHERE id = :id")
                .bind("id", id).map(OpportunityRepository::read).one();
    }

    Mono<Boolean> existsAny(UUID id) {
        return exists("SELECT 1 FROM opportunities WHERE id = :id", id);
    }

    Mono<Void> insert(Opportunity o) {
        return bindAll(db.sql("""
                INSERT INTO opportunities (id, account_id, owner_id, name, stage, amount, currency, amount_base, probability,
                    forecast_category, expected_close_date, closed_at, created_at, updated_at, deleted_at, version, lost_reason,
                    source, competitors, lines)
                VALUES (:id, :accountId, :ownerId, :name, :stage, :amount, :currency, :amountBase, :probability,
                    :forecastCategory, :expectedCloseDate, :closedAt, :createdAt, :updatedAt, NULL, :version, :lostReason,
                    :source, :competitors, CAST(:lines AS jsonb))"""), o)
                .then();
    }

    /** Writes {@code o} over the row at {@code o.version() - 1}; the count is 0 if somebody else got there first. */
    Mono<Long> update(Opportunity o) {
        DatabaseClient.GenericExecuteSpec spec = bindAll(db.sql("""
                UPDATE opportunities SET account_id = :accountId, owner_id = :ownerId, name = :name, stage = :stage,
                    amount = :amount, currency = :currency, amount_base = :amountBase, probability = :probability,
                    forecast_category = :forecastCategory, expected_close_date = :expectedCloseDate, closed_at = :closedAt,
                    created_at = :createdAt, updated_at = :updatedAt, version = :version, lost_reason = :lostReason,
                    deleted_at = :deletedAt, source = :source, competitors = :competitors, lines = CAST(:lines AS jsonb)
                WHERE id = :id AND version = :previousVersion"""), o);
        spec = nullable(spec, "deletedAt", o.deletedAt() == null ? null : o.deletedAt().atOffset(ZoneOffset.UTC), OffsetDateTime.class);
        return spec.bind("previousVersion", o.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page, newest first, strictly after {@code cursor} when given. */
    /** @param deleted true for the recycle bin (only deleted opportunities), false for the live ones */
    /** One page (one row more than the page, see {@link ListRequest}) of live or binned deals the scope sees. */
    Flux<Opportunity> page(OpportunityFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM opportunities WHERE deleted_at IS "
                + (f.deleted() ? "NOT NULL" : "NULL"));
        if (f.stage() != null) {
            sql.append(" AND stage = :stage");
        }
        if (f.ownerId() != null) {
            sql.append(" AND owner_id = :ownerId");
        }
        if (f.accountId() != null) {
            sql.append(" AND account_id = :accountId");
        }
        if (f.forecastCategory() != null) {
            sql.append(" AND forecast_category = :category");
        }
        if (f.source() != null) {
            sql.append(" AND source = :source");
        }
        if (f.closeFrom() != null) {
            sql.append(" AND expected_close_date >= :closeFrom");
        }
        if (f.closeTo() != null) {
            sql.append(" AND expected_close_date <= :closeTo");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND strpos(lower(name), lower(:q)) > 0");
        }
        scope.restrictOwner(sql, "owner_id");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        if (f.stage() != null) {
            spec = spec.bind("stage", f.stage());
        }
        if (f.ownerId() != null) {
            spec = spec.bind("ownerId", f.ownerId());
        }
        if (f.accountId() != null) {
            spec = spec.bind("accountId", f.accountId());
        }
        if (f.forecastCategory() != null) {
            spec = spec.bind("category", f.forecastCategory());
        }
        if (f.source() != null) {
            spec = spec.bind("source", f.source());
        }
        if (f.closeFrom() != null) {
            spec = spec.bind("closeFrom", f.closeFrom());
        }
        if (f.closeTo() != null) {
            spec = spec.bind("closeTo", f.closeTo());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(OpportunityRepository::read).all();
    }

    Mono<Boolean> accountExists(UUID id) {
        return exists("SELECT 1 FROM accounts WHERE id = :id AND deleted_at IS NULL", id);
    }

    Mono<Boolean> userExists(UUID id) {
        return exists("SELECT 1 FROM users WHERE id = :id", id);
    }

    private Mono<Boolean> exists(String sql, UUID id) {
        return db.sql(sql).bind("id", id).map(row -> true).first().defaultIfEmpty(false);
    }

    /** All history rows of one change in a single statement. */
    Mono<Void> appendHistory(UUID opportunityId, long version, String actor, Instant at, List<OpportunityRules.FieldChange> changes) {
        if (changes.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        INSERT INTO opportunity_history (opportunity_id, version, field, old_value, new_value, actor, changed_at)
                        SELECT :id, :version, c.field, c.old_value, c.new_value, :actor, :at
                        FROM unnest(CAST(:fields AS text[]), CAST(:olds AS text[]), CAST(:news AS text[])) AS c (field, old_value, new_value)""")
                .bind("id", opportunityId)
                .bind("version", version)
                .bind("actor", actor)
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .bind("fields", changes.stream().map(OpportunityRules.FieldChange::field).toArray(String[]::new))
                .bind("olds", changes.stream().map(OpportunityRules.FieldChange::oldValue).toArray(String[]::new))
                .bind("news", changes.stream().map(OpportunityRules.FieldChange::newValue).toArray(String[]::new))
                .then();
    }

    /** Every history row of one opportunity, in version order and by field within a version. */
    Flux<HistoryEntry> history(UUID opportunityId) {
        return db.sql("""
                        SELECT version, changed_at, actor, field, old_value, new_value FROM opportunity_history
                        WHERE opportunity_id = :id ORDER BY version, field COLLATE "C", id""")
                .bind("id", opportunityId)
                .map(row -> new HistoryEntry(row.get("version", Long.class), instant(row.get("changed_at", OffsetDateTime.class)),
                        row.get("actor", String.class), row.get("field", String.class),
                        row.get("old_value", String.class), row.get("new_value", String.class)))
                .all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Opportunity o) {
        spec = spec.bind("id", o.id())
                .bind("name", o.name())
                .bind("stage", o.stage())
                .bind("amount", o.amount())
                .bind("currency", o.currency())
                .bind("amountBase", o.amountBase())
                .bind("probability", o.probability())
                .bind("forecastCategory", o.forecastCategory())
                .bind("createdAt", o.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", o.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", o.version());
        spec = nullable(spec, "accountId", o.accountId(), UUID.class);
        spec = nullable(spec, "ownerId", o.ownerId(), UUID.class);
        spec = nullable(spec, "expectedCloseDate", o.expectedCloseDate(), LocalDate.class);
        spec = nullable(spec, "lostReason", o.lostReason(), String.class);
        spec = nullable(spec, "source", o.source(), String.class);
        spec = spec.bind("competitors", o.competitors().toArray(String[]::new))
                .bind("lines", OpportunityLinesJson.write(o.lines()));
        return nullable(spec, "closedAt", o.closedAt() == null ? null : o.closedAt().atOffset(ZoneOffset.UTC), OffsetDateTime.class);
    }

    private static DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Opportunity read(Readable row) {
        return new Opportunity(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("owner_id", UUID.class),
                row.get("name", String.class),
                row.get("stage", String.class),
                row.get("amount", BigDecimal.class),
                row.get("currency", String.class),
                row.get("amount_base", BigDecimal.class),
                row.get("probability", Integer.class),
                row.get("forecast_category", String.class),
                row.get("expected_close_date", LocalDate.class),
                instant(row.get("closed_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)),
                instant(row.get("deleted_at", OffsetDateTime.class)),
                row.get("version", Long.class),
                row.get("lost_reason", String.class),
                row.get("source", String.class),
                List.of(row.get("competitors", String[].class)),
                OpportunityLinesJson.read(row.get("lines", String.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
