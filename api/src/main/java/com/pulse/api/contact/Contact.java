package com.pulse.api.contact;

import com.pulse.api.crud.Versioned;
import com.pulse.events.ContactSnapshot;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A contact as stored (one row of {@code contacts}); {@code deletedAt} is set while it is in the recycle bin. */
record Contact(
        UUID id,
        UUID accountId,
        String name,
        String title,
        String phone,
        String email,
        LocalDate birthday,
        UUID ownerId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    ContactSnapshot snapshot() {
        return new ContactSnapshot(id, accountId, name, title, phone, email, birthday, ownerId, createdAt, updatedAt,
                deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Contact binned(Instant at, Instant now) {
        return new Contact(id, accountId, name, title, phone, email, birthday, ownerId, createdAt, now, at, version + 1);
    }

    /** The same new contact owned by {@code owner} (the creator, when a scoped caller names no owner). */
    Contact ownedBy(UUID owner) {
        return new Contact(id, accountId, name, title, phone, email, birthday, owner, createdAt, updatedAt, deletedAt, version);
    }
}
