package com.pulse.api.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/opportunities}. Only name and amount are required.
 *
 * @param forecastCategory overrides the stage's default category (open deals only)
 * @param competitors      up to 10 distinct names
 */
public record CreateOpportunity(
        String name,
        BigDecimal amount,
        String currency,
        String stage,
        Integer probability,
        LocalDate expectedCloseDate,
        UUID accountId,
        UUID ownerId,
        String forecastCategory,
        String source,
        List<String> competitors) {

    /** A create without category override, source or competitors. */
    public CreateOpportunity(String name, BigDecimal amount, String currency, String stage, Integer probability,
                      LocalDate expectedCloseDate, UUID accountId, UUID ownerId) {
        this(name, amount, currency, stage, probability, expectedCloseDate, accountId, ownerId, null, null, null);
    }

    /** The same request with {@code owner} as the owner. */
    CreateOpportunity ownedBy(UUID owner) {
        return new CreateOpportunity(name, amount, currency, stage, probability, expectedCloseDate, accountId, owner,
                forecastCategory, source, competitors);
    }
}
