package com.pulse.api.contact;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import com.pulse.api.security.DataScope;
import io.r2dbc.spi.Readable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for contacts. Every value is bound, never concatenated. */
@Repository
class ContactRepository implements Lifecycle.Store<Contact> {

    private static final String COLUMNS = """
            id, account_id, name, title, phone, email, birthday, owner_id, created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Contact> table;
    private final HistoryTable history;

    ContactRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "contacts", COLUMNS, ContactRepository::read);
        this.history = new HistoryTable(db, "contact_history", "contact_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Contact> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Contact> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** In or out of the recycle bin. */
    Mono<Contact> findAny(UUID id) {
        return table.findAny(id);
    }

    @Override
    public Mono<Void> insert(Contact c) {
        return bindAll(db.sql("""
                INSERT INTO contacts (id, account_id, name, title, phone, email, birthday, owner_id,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :accountId, :name, :title, :phone, :email, :birthday, :ownerId,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), c).then();
    }

    @Override
    public Mono<Long> update(Contact c) {
        return bindAll(db.sql("""
                UPDATE contacts SET account_id = :accountId, name = :name, title = :title, phone = :phone, email = :email,
                    birthday = :birthday, owner_id = :ownerId, created_at = :createdAt, updated_at = :updatedAt,
                    deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), c)
                .bind("previousVersion", c.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live contacts (one row more than the page, see {@link ListRequest}). */
    Flux<Contact> page(ContactFilter f, ListRequest request, DataScope scope) {
        StringBuilder sql = table.selectLive();
        if (f.accountId() != null) {
            sql.append(" AND account_id = :accountId");
        }
        if (f.ownerId() != null) {
            sql.append(" AND owner_id = :ownerId");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND strpos(lower(name), lower(:q)) > 0");
        }
        scope.restrictOwner(sql, "owner_id");
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = scope.bind(request.bind(db.sql(sql.toString())), sql);
        if (f.accountId() != null) {
            spec = spec.bind("accountId", f.accountId());
        }
        if (f.ownerId() != null) {
            spec = spec.bind("ownerId", f.ownerId());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(ContactRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Contact c) {
        spec = spec.bind("id", c.id())
                .bind("accountId", c.accountId())
                .bind("name", c.name())
                .bind("createdAt", c.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", c.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", c.version());
        spec = EntityTable.nullable(spec, "title", c.title(), String.class);
        spec = EntityTable.nullable(spec, "phone", c.phone(), String.class);
        spec = EntityTable.nullable(spec, "email", c.email(), String.class);
        spec = EntityTable.nullable(spec, "birthday", c.birthday(), LocalDate.class);
        spec = EntityTable.nullable(spec, "ownerId", c.ownerId(), UUID.class);
        spec = EntityTable.timestamp(spec, "deletedAt", c.deletedAt());
        return spec;
    }


    static Contact read(Readable row) {
        return new Contact(
                row.get("id", UUID.class),
                row.get("account_id", UUID.class),
                row.get("name", String.class),
                row.get("title", String.class),
                row.get("phone", String.class),
                row.get("email", String.class),
                row.get("birthday", LocalDate.class),
                row.get("owner_id", UUID.class),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
