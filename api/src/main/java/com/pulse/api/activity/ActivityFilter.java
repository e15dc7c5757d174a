package com.pulse.api.activity;

import java.time.Instant;
import java.util.UUID;

/**
 * The optional filters of the activity list. {@code completed} true keeps done activities, false open ones;
 * {@code dueBefore} is exclusive, {@code dueAfter} inclusive, so adjacent windows do not overlap;
 * {@code q} is a case-insensitive substring of the subject.
 */
record ActivityFilter(String type, UUID ownerId, UUID accountId, UUID contactId, UUID opportunityId, Boolean completed,
                      Instant dueBefore, Instant dueAfter, String q) {
}
