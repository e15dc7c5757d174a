package com.pulse.api.opportunity;

import com.pulse.events.OpportunitySnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An opportunity as stored (one row of {@code opportunities}). */
public record Opportunity(
        UUID id,
        UUID accountId,
        UUID ownerId,
        String name,
        String stage,
        BigDecimal amount,
        String currency,
        BigDecimal amountBase,
        int probability,
        String forecastCategory,
        LocalDate expectedCloseDate,
        Instant closedAt,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version,
        String lostReason) {

    OpportunitySnapshot snapshot() {
        return new OpportunitySnapshot(id, accountId, ownerId, name, stage, amount, currency, amountBase,
                probability, forecastCategory, expectedCloseDate, closedAt, createdAt, updatedAt, deletedAt != null, version);
    }

    /** The same opportunity moved into (a time) or out of (null) the recycle bin, at the next version. */
    Opportunity binned(Instant deletedAt, Instant now) {
        return new Opportunity(id, accountId, ownerId, name, stage, amount, currency, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, createdAt, now, deletedAt, version + 1, lostReason);
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
