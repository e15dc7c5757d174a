package com.pulse.api.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Body of {@code PATCH /api/v1/opportunities/{id}}: absent (or null) fields stay as they are.
 *
 * @param forecastCategory overrides the stage's default category (open deals only); a stage change
 *                         without it resets the category to the new stage's default
 * @param competitors      replaces the list; {@code []} empties it
 * @param version          the version the client last saw; alternative to {@code If-Match}
 */
public record UpdateOpportunity(
        String name,
        String stage,
        BigDecimal amount,
        String currency,
        Integer probability,
        LocalDate expectedCloseDate,
        Long version,
        String forecastCategory,
        String source,
        List<String> competitors) {

    /** A change of the original fields only. */
    public UpdateOpportunity(String name, String stage, BigDecimal amount, String currency, Integer probability,
                      LocalDate expectedCloseDate, Long version) {
        this(name, stage, amount, currency, probability, expectedCloseDate, version, null, null, null);
    }

    boolean isEmpty() {
        return name == null && stage == null && amount == null && currency == null
                && probability == null && expectedCloseDate == null && forecastCategory == null && source == null
                && competitors == null;
    }
}
