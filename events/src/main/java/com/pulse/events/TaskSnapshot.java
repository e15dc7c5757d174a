package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The full state of a task after a change, as the API stored it.
 *
 * @param status  OPEN, IN_PROGRESS, DONE or CANCELLED
 * @param deleted true while the task is in the recycle bin
 */
public record TaskSnapshot(
        UUID id,
        String title,
        UUID assigneeId,
        Instant due,
        String status,
        UUID accountId,
        UUID opportunityId,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
