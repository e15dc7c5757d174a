package com.pulse.api.task;

import com.pulse.api.crud.Versioned;
import com.pulse.events.TaskSnapshot;
import java.time.Instant;
import java.util.UUID;

/** A task as stored (one row of {@code tasks}); {@code deletedAt} is set while it is in the recycle bin. */
record Task(
        UUID id,
        String title,
        UUID assigneeId,
        Instant due,
        String status,
        UUID accountId,
        UUID opportunityId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    TaskSnapshot snapshot() {
        return new TaskSnapshot(id, title, assigneeId, due, status, accountId, opportunityId, createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Task binned(Instant at, Instant now) {
        return new Task(id, title, assigneeId, due, status, accountId, opportunityId, createdAt, now, at, version + 1);
    }
}
