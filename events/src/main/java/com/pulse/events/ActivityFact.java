package com.pulse.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An activity's applied version with the owner's team path joined in, for pivots. Published on
 * {@code pulse.agg.activities.v1}, key = activity id, one record per applied (newer) version. Plain JSON.
 *
 * @param type     CALL, VISIT, EMAIL or MEETING
 * @param teamPath the owner's team first, then each parent up to the top-level team; empty when unknown
 */
public record ActivityFact(
        UUID activityId,
        long version,
        String type,
        UUID ownerId,
        UUID teamId,
        List<UUID> teamPath,
        UUID accountId,
        UUID opportunityId,
        Instant dueAt,
        Instant completedAt,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted) {

    public ActivityFact {
        teamPath = teamPath == null ? List.of() : List.copyOf(teamPath);
    }
}
