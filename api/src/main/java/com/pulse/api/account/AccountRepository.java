package com.pulse.api.account;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.DataScope;
import io.r2dbc.spi.Readable;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for accounts. Every value is bound, never concatenated. */
@Repository
class AccountRepository implements Lifecycle.Store<Account> {

    private static final String COLUMNS = """
            id, name, industry, region, tier, type, parent_account_id, owner_id, shared_with, status,
            created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Account> table;
    private final HistoryTable history;

    AccountRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "accounts", COLUMNS, AccountRepository::read);
        this.history = new HistoryTable(db, "account_history", "account_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Account> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Account> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Account> findAny(UUID id) {
        return table.findAny(id);
    }

    @Override
    public Mono<Void> insert(Account a) {
        return bindAll(db.sql("""
                INSERT INTO accounts (id, name, industry, region, tier, type, parent_account_id, owner_id, shared_with, status,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :name, :industry, :region, :tier, :type, :parentAccountId, :ownerId, :sharedWith, :status,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), a).then();
    }

    @Override
    public Mono<Long> update(Account a) {
        return bindAll(db.sql("""
                UPDATE accounts SET name = :name, industry = :industry, region = :region, tier = :tier, type = :type,
                    parent_account_id = :parentAccountId, owner_id = :ownerId, shared_with = :sharedWith, status = :status,
                    created_at = :createdAt, updated_at = :updatedAt, deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), a)
                .bind("previousVersion", a.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live accounts (one row more than the page, see {@link ListRequest}). */
    Flux<Account> page(AccountFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        if (f.tier() != null) {
            sql.append(" AND tier = :tier");
        }
        if (f.industry() != null) {
            sql.append(" AND industry = :industry");
        }
        if (f.region() != null) {
            sql.append(" AND region = :region");
        }
        if (f.ownerId() != null) {
            sql.append(" AND owner_id = :ownerId");
        }
        if (f.type() != null) {
            sql.append(" AND type = :type");
        }
        if (f.status() != null) {
            sql.append(" AND status = :status");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND strpos(lower(name), lower(:q)) > 0");
        }
        scope.restrictAccount(sql, "owner_id", "shared_with");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        spec = bindIf(spec, "tier", f.tier());
        spec = bindIf(spec, "industry", f.industry());
        spec = bindIf(spec, "region", f.region());
        spec = bindIf(spec, "ownerId", f.ownerId());
        spec = bindIf(spec, "type", f.type());
        spec = bindIf(spec, "status", f.status());
        spec = bindIf(spec, "q", f.q());
        return spec.map(AccountRepository::read).all();
    }

    /**
     * Serialises changes of the group hierarchy until the transaction ends. Two concurrent moves
     * (A under B, B under A) would each pass the cycle check against the other's old state; with
     * this lock the second one checks after the first committed.
     */
    Mono<Void> lockHierarchy() {
        return db.sql("SELECT pg_advisory_xact_lock(hashtext('pulse.accounts.hierarchy'))").then();
    }

    /** True if {@code account} is {@code parent} or one of its ancestors, i.e. making it the parent would close a cycle. */
    Mono<Boolean> isAncestorOrSelf(UUID account, UUID parent) {
        // UNION (not UNION ALL) stops at rows already seen, so even a damaged hierarchy cannot loop forever.
        return db.sql("""
                        WITH RECURSIVE up (id, parent_id) AS (
                            SELECT id, parent_account_id FROM accounts WHERE id = :parent
                            UNION
                            SELECT a.id, a.parent_account_id FROM accounts a JOIN up ON a.id = up.parent_id)
                        SELECT 1 FROM up WHERE id = :account LIMIT 1""")
                .bind("parent", parent).bind("account", account)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    private static DatabaseClient.GenericExecuteSpec bindIf(DatabaseClient.GenericExecuteSpec spec, String name, Object value) {
        return value == null ? spec : spec.bind(name, value);
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Account a) {
        spec = spec.bind("id", a.id())
                .bind("name", a.name())
                .bind("type", a.type())
                .bind("sharedWith", a.sharedWith().toArray(UUID[]::new))
                .bind("status", a.status())
                .bind("createdAt", a.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", a.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", a.version());
        spec = EntityTable.nullable(spec, "industry", a.industry(), String.class);
        spec = EntityTable.nullable(spec, "region", a.region(), String.class);
        spec = EntityTable.nullable(spec, "tier", a.tier(), String.class);
        spec = EntityTable.nullable(spec, "parentAccountId", a.parentAccountId(), UUID.class);
        spec = EntityTable.nullable(spec, "ownerId", a.ownerId(), UUID.class);
        spec = EntityTable.timestamp(spec, "deletedAt", a.deletedAt());
        return spec;
    }


    static Account read(Readable row) {
        UUID[] shared = row.get("shared_with", UUID[].class);
        return new Account(
                row.get("id", UUID.class),
                row.get("name", String.class),
                row.get("industry", String.class),
                row.get("region", String.class),
                row.get("tier", String.class),
                row.get("type", String.class),
                row.get("parent_account_id", UUID.class),
                row.get("owner_id", UUID.class),
                shared == null ? List.of() : Arrays.asList(shared),
                row.get("status", String.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
