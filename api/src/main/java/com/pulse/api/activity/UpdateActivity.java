package com.pulse.api.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/activities/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateActivity(
        String type,
        String subject,
        String notes,
        UUID accountId,
        UUID contactId,
        UUID opportunityId,
        Instant dueAt,
        Instant completedAt,
        UUID ownerId,
        Long version) {

    boolean isEmpty() {
        return type == null && subject == null && notes == null && accountId == null && contactId == null
                && opportunityId == null && dueAt == null && completedAt == null && ownerId == null;
    }
}
