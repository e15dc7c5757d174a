package com.pulse.api.product;

import com.pulse.api.crud.Versioned;
import com.pulse.events.ProductSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A catalogue product as stored (one row of {@code products}); {@code deletedAt} is set while it is in the recycle bin. */
public record Product(
        UUID id,
        String code,
        String name,
        String category,
        BigDecimal listPrice,
        String currency,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    public ProductSnapshot snapshot() {
        return new ProductSnapshot(id, code, name, category, listPrice, currency, active, createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Product binned(Instant at, Instant now) {
        return new Product(id, code, name, category, listPrice, currency, active, createdAt, now, at, version + 1);
    }
}
