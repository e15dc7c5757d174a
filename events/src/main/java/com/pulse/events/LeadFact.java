package com.pulse.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A lead's applied version with the owner's team path joined in, for pivots. Published on {@code pulse.agg.leads.v1},
 * key = lead id, one record per applied (newer) version. Plain JSON.
 *
 * @param teamPath the owner's team first, then each parent up to the top-level team; empty when unknown
 * @param closedAt when the lead was converted, or the first applied version that showed it disqualified; else null
 */
public record LeadFact(
        UUID leadId,
        long version,
        UUID ownerId,
        UUID teamId,
        List<UUID> teamPath,
        String source,
        UUID campaignId,
        String status,
        Instant createdAt,
        Instant closedAt,
        Instant updatedAt,
        boolean deleted) {

    public LeadFact {
        teamPath = teamPath == null ? List.of() : List.copyOf(teamPath);
    }
}
