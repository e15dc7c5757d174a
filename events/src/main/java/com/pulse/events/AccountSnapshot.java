package com.pulse.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full state of an account after a change, as the API stored it.
 *
 * @param tier            A, B, C or D: the customer pyramid
 * @param type            CUSTOMER, DISTRIBUTOR or PARTNER
 * @param parentAccountId the group the account belongs to, null for a top-level account
 * @param sharedWith      users who see the account besides its owner, in the order given
 * @param status          ACTIVE or INACTIVE
 * @param deleted         true while the account is in the recycle bin
 */
public record AccountSnapshot(
        UUID id,
        String name,
        String industry,
        String region,
        String tier,
        String type,
        UUID parentAccountId,
        UUID ownerId,
        List<UUID> sharedWith,
        String status,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {

    public AccountSnapshot {
        sharedWith = sharedWith == null ? List.of() : List.copyOf(sharedWith);
    }
}
