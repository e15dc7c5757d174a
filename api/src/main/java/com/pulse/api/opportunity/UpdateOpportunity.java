package com.pulse.api.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Body of {@code PATCH /api/v1/opportunities/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
public record UpdateOpportunity(
        String name,
        String stage,
        BigDecimal amount,
        String currency,
        Integer probability,
        LocalDate expectedCloseDate,
        Long version) {

    boolean isEmpty() {
        return name == null && stage == null && amount == null && currency == null
                && probability == null && expectedCloseDate == null;
    }
}
