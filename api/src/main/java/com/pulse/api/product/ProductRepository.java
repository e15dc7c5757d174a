package com.pulse.api.product;

import com.pulse.api.crud.EntityTable;
import com.pulse.api.crud.HistoryTable;
import com.pulse.api.crud.Lifecycle;
import com.pulse.api.crud.ListRequest;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for products. Every value is bound, never concatenated. */
@Repository
class ProductRepository implements Lifecycle.Store<Product> {

    private static final String COLUMNS = """
            id, code, name, category, list_price, currency, active, created_at, updated_at, deleted_at, version""";

    private final DatabaseClient db;
    private final EntityTable<Product> table;
    private final HistoryTable history;

    ProductRepository(DatabaseClient db) {
        this.db = db;
        this.table = new EntityTable<>(db, "products", COLUMNS, ProductRepository::read);
        this.history = new HistoryTable(db, "product_history", "product_id");
    }

    HistoryTable history() {
        return history;
    }

    Mono<Product> find(UUID id) {
        return table.findLive(id);
    }

    @Override
    public Mono<Product> lock(UUID id) {
        return table.lock(id);
    }

    Mono<Boolean> exists(UUID id) {
        return table.exists(id);
    }

    /** True if another product (live or binned) has this code, compared case-insensitively like the unique index. */
    Mono<Boolean> codeTaken(String code, UUID self) {
        return db.sql("SELECT 1 FROM products WHERE lower(code) = lower(:code) AND id <> :self")
                .bind("code", code).bind("self", self)
                .map(row -> true).first().defaultIfEmpty(false);
    }

    @Override
    public Mono<Void> insert(Product p) {
        return bindAll(db.sql("""
                INSERT INTO products (id, code, name, category, list_price, currency, active,
                    created_at, updated_at, deleted_at, version)
                VALUES (:id, :code, :name, :category, :listPrice, :currency, :active,
                    :createdAt, :updatedAt, :deletedAt, :version)"""), p).then();
    }

    @Override
    public Mono<Long> update(Product p) {
        return bindAll(db.sql("""
                UPDATE products SET code = :code, name = :name, category = :category, list_price = :listPrice,
                    currency = :currency, active = :active, created_at = :createdAt, updated_at = :updatedAt,
                    deleted_at = :deletedAt, version = :version
                WHERE id = :id AND version = :previousVersion"""), p)
                .bind("previousVersion", p.version() - 1)
                .fetch().rowsUpdated();
    }

    /** One page of live products (one row more than the page, see {@link ListRequest}). */
    Flux<Product> page(ProductFilter f, ListRequest request) {
        StringBuilder sql = table.selectLive();
        if (f.category() != null) {
            sql.append(" AND category = :category");
        }
        if (f.active() != null) {
            sql.append(" AND active = :active");
        }
        if (f.q() != null) {
            // strpos, not LIKE: the search text is matched literally, '%' and '_' included.
            sql.append(" AND (strpos(lower(name), lower(:q)) > 0 OR strpos(lower(code), lower(:q)) > 0)");
        }
        request.appendTo(sql);
        DatabaseClient.GenericExecuteSpec spec = request.bind(db.sql(sql.toString()));
        if (f.category() != null) {
            spec = spec.bind("category", f.category());
        }
        if (f.active() != null) {
            spec = spec.bind("active", f.active());
        }
        if (f.q() != null) {
            spec = spec.bind("q", f.q());
        }
        return spec.map(ProductRepository::read).all();
    }

    private static DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, Product p) {
        spec = spec.bind("id", p.id())
                .bind("code", p.code())
                .bind("name", p.name())
                .bind("listPrice", p.listPrice())
                .bind("currency", p.currency())
                .bind("active", p.active())
                .bind("createdAt", p.createdAt().atOffset(ZoneOffset.UTC))
                .bind("updatedAt", p.updatedAt().atOffset(ZoneOffset.UTC))
                .bind("version", p.version());
        spec = EntityTable.nullable(spec, "category", p.category(), String.class);
        return EntityTable.timestamp(spec, "deletedAt", p.deletedAt());
    }

    static Product read(Readable row) {
        return new Product(
                row.get("id", UUID.class),
                row.get("code", String.class),
                row.get("name", String.class),
                row.get("category", String.class),
                row.get("list_price", BigDecimal.class),
                row.get("currency", String.class),
                Boolean.TRUE.equals(row.get("active", Boolean.class)),
                EntityTable.instant(row, "created_at"),
                EntityTable.instant(row, "updated_at"),
                EntityTable.instant(row, "deleted_at"),
                row.get("version", Long.class));
    }
}
