package com.pulse.api.opportunity;

import com.pulse.events.OpportunityLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The JSON shape of an opportunity in responses. Money is a JSON number. */
record OpportunityResource(
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
        long version,
        String lostReason,
        String source,
        List<String> competitors,
        List<OpportunityLine> lines) {

    static OpportunityResource of(Opportunity o) {
        return new OpportunityResource(o.id(), o.accountId(), o.ownerId(), o.name(), o.stage(), o.amount(), o.currency(),
                o.amountBase(), o.probability(), o.forecastCategory(), o.expectedCloseDate(), o.closedAt(),
                o.createdAt(), o.updatedAt(), o.version(), o.lostReason(), o.source(), o.competitors(), o.lines());
    }
}
