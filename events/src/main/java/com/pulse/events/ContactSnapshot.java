package com.pulse.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The full state of a contact after a change, as the API stored it.
 *
 * @param phone   E.164 (e.g. +8613812345678) or null
 * @param deleted true while the contact is in the recycle bin
 */
public record ContactSnapshot(
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
        boolean deleted,
        long version) {
}
