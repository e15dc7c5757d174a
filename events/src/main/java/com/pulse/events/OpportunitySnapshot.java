package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The full state of an opportunity after a change, as the API stored it.
 *
 * @param amountBase     the amount in the company's base currency, converted at write time
 * @param probability    0..100; defaults to the stage's probability
 * @param closedAt       set when the stage is won or lost, null while open
 * @param deleted        true while the opportunity is in the recycle bin (it then counts nowhere)
 * @param source         where the deal came from (WEB, REFERRAL, EVENT, CAMPAIGN, COLD_CALL, OTHER), or null
 * @param lostReason     why a CLOSED_LOST deal was lost, or null
 * @param competitors    competitor names, in the order the user gave them; never null
 * @param lines          the product lines; never null, empty when the deal has none
 */
public record OpportunitySnapshot(
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
        boolean deleted,
        long version,
        String source,
        String lostReason,
        List<String> competitors,
        List<OpportunityLine> lines) {

    public OpportunitySnapshot {
        competitors = competitors == null ? List.of() : List.copyOf(competitors);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** A snapshot without source, lost reason, competitors or product lines. */
    public OpportunitySnapshot(UUID id, UUID accountId, UUID ownerId, String name, String stage, BigDecimal amount,
                               String currency, BigDecimal amountBase, int probability, String forecastCategory,
                               LocalDate expectedCloseDate, Instant closedAt, Instant createdAt, Instant updatedAt,
                               boolean deleted, long version) {
        this(id, accountId, ownerId, name, stage, amount, currency, amountBase, probability, forecastCategory,
                expectedCloseDate, closedAt, createdAt, updatedAt, deleted, version, null, null, List.of(), List.of());
    }
}
