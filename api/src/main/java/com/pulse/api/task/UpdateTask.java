package com.pulse.api.task;

import java.time.Instant;
import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/tasks/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateTask(
        String title,
        UUID assigneeId,
        Instant due,
        String status,
        UUID accountId,
        UUID opportunityId,
        Long version) {

    boolean isEmpty() {
        return title == null && assigneeId == null && due == null && status == null && accountId == null && opportunityId == null;
    }
}
