package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The full state of a team after a change, as the API stored it.
 *
 * @param parentId  the enclosing team (department → sub-team), null for a top-level team
 * @param managerId the user managing the team, or null
 * @param deleted   true while the team is in the recycle bin
 */
public record TeamSnapshot(
        UUID id,
        String name,
        UUID parentId,
        UUID managerId,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
