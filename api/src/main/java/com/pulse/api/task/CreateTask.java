package com.pulse.api.task;

import java.time.Instant;
import java.util.UUID;

/** Body of {@code POST /api/v1/tasks}. Title and assignee are required; status defaults to OPEN. */
public record CreateTask(
        String title,
        UUID assigneeId,
        Instant due,
        String status,
        UUID accountId,
        UUID opportunityId) {
}
