package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The full state of an activity after a change, as the API stored it.
 *
 * @param type        CALL, VISIT, EMAIL or MEETING
 * @param completedAt when it was done; an activity counts for the ACTIVITIES KPI when this is set
 * @param deleted     true while the activity is in the recycle bin
 */
public record ActivitySnapshot(
        UUID id,
        String type,
        String subject,
        String notes,
        UUID accountId,
        UUID contactId,
        UUID opportunityId,
        Instant dueAt,
        Instant completedAt,
        UUID ownerId,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
