package com.pulse.api.opportunity;

import com.pulse.events.OpportunityLine;
import com.pulse.events.OpportunitySnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An opportunity as stored (one row of {@code opportunities}).
 *
 * @param competitors competitor names; never null
 * @param lines       product lines; never null
 */
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
        String lostReason,
        String source,
        List<String> competitors,
        List<OpportunityLine> lines) {

    public Opportunity {
        competitors = competitors == null ? List.of() : List.copyOf(competitors);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    OpportunitySnapshot snapshot() {
        return new OpportunitySnapshot(id, accountId, ownerId, name, stage, amount, currency, amountBase,
                probability, forecastCategory, expectedCloseDate, closedAt, createdAt, updatedAt, deletedAt != null, version,
                source, lostReason, competitors, lines);
    }

    /** The same opportunity moved into (a time) or out of (null) the recycle bin, at the next version. */
    Opportunity binned(Instant deletedAt, Instant now) {
        return new Opportunity(id, accountId, ownerId, name, stage, amount, currency, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, createdAt, now, deletedAt, version + 1, lostReason, source, competitors, lines);
    }

    /** The same opportunity with other product lines and the amount they imply, at the next version. */
    Opportunity withLines(List<OpportunityLine> newLines, BigDecimal newAmount, BigDecimal newAmountBase, Instant now) {
        return new Opportunity(id, accountId, ownerId, name, stage, newAmount, currency, newAmountBase, probability,
                forecastCategory, expectedCloseDate, closedAt, createdAt, now, deletedAt, version + 1, lostReason, source,
                competitors, newLines);
    }

    String etag() {
        return "\"" + version + "\"";
    }
}
