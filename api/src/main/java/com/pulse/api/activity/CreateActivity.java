package com.pulse.api.activity;

import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /api/v1/activities}. Type, subject and at least one of account, contact, opportunity are required. */
public record CreateActivity(
        String type,
        String subject,
        String notes,
        UUID accountId,
        UUID contactId,
        UUID opportunityId,
        Instant dueAt,
        Instant completedAt,
        UUID ownerId) {
}
