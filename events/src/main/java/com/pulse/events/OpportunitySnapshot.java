package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The full state of an opportunity after a change, as the API stored it.
 *
 * @param amountBase     the amount in the company's base currency, converted at write time
 * @param probability    0..100; defaults to the stage's probability
 * @param closedAt       set when the stage is won or lost, null while open
 * @param deleted        true while the opportunity is in the recycle bin (it then counts nowhere)
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
        long version) {
}
