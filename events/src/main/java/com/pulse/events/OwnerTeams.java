package com.pulse.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An owner's (user's) place in the team tree after it changed: the owner's team and the path up to the department.
 * Published by the streams' scopes task on {@code pulse.agg.owner-teams.v1}, key = owner id, whenever a user or team
 * change moves the owner; readers keep the latest per key (the topic is compacted). Plain JSON.
 *
 * @param teamId   the owner's own team, null when it has none (or its team is deleted or unknown)
 * @param teamPath the owner's team first, then each parent up to the top-level team; empty without a team
 * @param at       when the change that moved the owner happened
 */
public record OwnerTeams(UUID ownerId, UUID teamId, List<UUID> teamPath, Instant at) {

    public OwnerTeams {
        teamPath = teamPath == null ? List.of() : List.copyOf(teamPath);
    }
}
