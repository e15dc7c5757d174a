package com.pulse.api.lead;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/leads/{id}/convert}: either a new account (named {@code accountName},
 * else after the lead's company) or {@code existingAccountId}; the opportunity is optional.
 *
 * @param version the version of the lead the client last saw; alternative to {@code If-Match}
 */
record ConvertLead(String accountName, UUID existingAccountId, NewOpportunity opportunity, Long version) {

    /** The opportunity a conversion opens; the PATCH/POST rules of opportunities apply. */
    record NewOpportunity(String name, BigDecimal amount, String currency, String stage, LocalDate expectedCloseDate) {
    }
}
