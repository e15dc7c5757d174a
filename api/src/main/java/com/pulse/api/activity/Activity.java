package com.pulse.api.activity;

import com.pulse.api.crud.Versioned;
import com.pulse.events.ActivitySnapshot;
import java.time.Instant;
import java.util.UUID;

/** An activity as stored (one row of {@code activities}); {@code deletedAt} is set while it is in the recycle bin. */
record Activity(
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
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    ActivitySnapshot snapshot() {
        return new ActivitySnapshot(id, type, subject, notes, accountId, contactId, opportunityId, dueAt, completedAt, ownerId,
                createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Activity binned(Instant at, Instant now) {
        return new Activity(id, type, subject, notes, accountId, contactId, opportunityId, dueAt, completedAt, ownerId,
                createdAt, now, at, version + 1);
    }

    /** The same new activity owned by {@code owner} (the creator, when a scoped caller names no owner). */
    Activity ownedBy(UUID owner) {
        return new Activity(id, type, subject, notes, accountId, contactId, opportunityId, dueAt, completedAt, owner,
                createdAt, updatedAt, deletedAt, version);
    }

    /** Done at {@code at}, at the next version. */
    Activity completed(Instant at) {
        return new Activity(id, type, subject, notes, accountId, contactId, opportunityId, dueAt, at, ownerId,
                createdAt, at, deletedAt, version + 1);
    }
}
