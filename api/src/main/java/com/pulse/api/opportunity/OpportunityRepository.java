package com.pulse.api.opportunity;

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
            expected_close_date, closed_at, created_at, updated_at, deleted_at, version""";

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

    Mono<Void> insert(Opportunity o) {
        return bindAll(db.sql("""
                INSERT INTO opportunities (id, account_id, owner_id, name, stage, amount, currency, amount_base, probability,
                    forecast_category, expected_close_date, closed_at, created_at, updated_at, deleted_at, version)
                VALUES (:id, :accountId, :ownerId, :name, :stage, :amount, :currency, :amountBase, :probability,
                    :forecastCategory, :expectedCloseDate, :closedAt, :createdAt, :updatedAt, NULL, :version)"""), o)
                .then();
    }

    /** Writes {@code o} over the row at {@code o.version() - 1}; the count is 0 if somebody else got there first. */
    Mono<Long> update(Opportunity o) {
        return bindAll(db.sql("""
                UPDATE opportunities SET account_id = :accountId, owner_id = :ownerId, name = :name, stage = :stage,
                    amount = :amount, currency = :currency, amount_base = :amountBase, probability = :probability,
                    forecast_category = :forecastCategory, expected_close_date = :expectedCloseDate, closed_at = :closedAt,
                    created_at = :createdAt, updated_at = :updatedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), o)
                .bind("previousVersion", o.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page, newest first, strictly after {@code cursor} when given. */
    Flux<Opportunity> page(String stage, Cursor cursor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM opportunities WHERE deleted_at IS NULL");
        if (stage != null) {
            sql.append(" AND stage = :stage");
        }
        if (cursor != null) {
            sql.append(" AND (created_at, id) < (:afterCreatedAt, :afterId)");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", limit);
        if (stage != null) {
            spec = spec.bind("stage", stage);
        }
        if (cursor != null) {
            spec = spec.bind("afterCreatedAt", cursor.createdAt().atOffset(ZoneOffset.UTC)).bind("afterId", cursor.id());
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
                row.get("version", Long.class));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
