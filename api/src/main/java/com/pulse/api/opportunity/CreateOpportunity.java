package com.pulse.api.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** Body of {@code POST /api/v1/opportunities}. Only name and amount are required. */
public record CreateOpportunity(
        String name,
        BigDecimal amount,
        String currency,
        String stage,
        Integer probability,
        LocalDate expectedCloseDate,
        UUID accountId,
        UUID ownerId) {
}
