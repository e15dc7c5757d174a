package com.pulse.api.task;

import java.time.Instant;
import java.util.UUID;

/** The optional filters of the task list; {@code dueBefore} is exclusive; {@code q} is a case-insensitive substring of the title. */
record TaskFilter(UUID assigneeId, String status, Instant dueBefore, String q) {
}
