package com.pulse.api.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Body of {@code PATCH /api/v1/campaigns/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateCampaign(
        String name,
        String channel,
        BigDecimal budget,
        BigDecimal actualCost,
        LocalDate startDate,
        LocalDate endDate,
        String status,
        Long version) {

    boolean isEmpty() {
        return name == null && channel == null && budget == null && actualCost == null && startDate == null
                && endDate == null && status == null;
    }
}
