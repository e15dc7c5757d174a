package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The full state of a marketing campaign after a change, as the API stored it.
 *
 * @param channel    EMAIL, SMS, EVENT, WEB, SOCIAL or OTHER
 * @param budget     planned spend in the company's base currency, 2 decimals, or null
 * @param actualCost spend so far in the base currency, 2 decimals, or null
 * @param startDate  first day of the campaign period, or null
 * @param endDate    last day of the campaign period (not before startDate), or null
 * @param status     PLANNED, ACTIVE, COMPLETED or CANCELLED
 * @param deleted    true while the campaign is in the recycle bin
 */
public record CampaignSnapshot(
        UUID id,
        String name,
        String channel,
        BigDecimal budget,
        BigDecimal actualCost,
        LocalDate startDate,
        LocalDate endDate,
        String status,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
