package com.pulse.api.campaign;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Body of {@code POST /api/v1/campaigns}. Name and channel are required; amounts are in the base currency. */
record CreateCampaign(
        String name,
        String channel,
        BigDecimal budget,
        BigDecimal actualCost,
        LocalDate startDate,
        LocalDate endDate,
        String status) {
}
