package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An opportunity's applied version with its dimensions joined in, for pivots: the owner's team and team path and the
 * account's industry, region and tier as the streams knew them when the version was applied. Published on
 * {@code pulse.agg.opportunities.v1}, key = opportunity id, one record per applied (newer) version. Plain JSON.
 *
 * @param teamPath the owner's team first, then each parent up to the top-level team; empty when unknown
 * @param industry null when the account is unknown (or the deal has none); likewise region and tier
 */
public record OpportunityFact(
        UUID opportunityId,
        long version,
        UUID ownerId,
        UUID teamId,
        List<UUID> teamPath,
        UUID accountId,
        String industry,
        String region,
        String tier,
        String stage,
        BigDecimal amountBase,
        int probability,
        String forecastCategory,
        LocalDate expectedCloseDate,
        Instant closedAt,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted) {

    public OpportunityFact {
        teamPath = teamPath == null ? List.of() : List.copyOf(teamPath);
    }
}
