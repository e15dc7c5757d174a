package com.pulse.api.account;

import com.pulse.api.crud.Versioned;
import com.pulse.events.AccountSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An account as stored (one row of {@code accounts}); {@code deletedAt} is set while it is in the recycle bin. */
record Account(
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
        Instant deletedAt,
        long version) implements Versioned {

    Account {
        sharedWith = List.copyOf(sharedWith);
    }

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    AccountSnapshot snapshot() {
        return new AccountSnapshot(id, name, industry, region, tier, type, parentAccountId, ownerId, sharedWith, status,
                createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Account binned(Instant at, Instant now) {
        return new Account(id, name, industry, region, tier, type, parentAccountId, ownerId, sharedWith, status,
                createdAt, now, at, version + 1);
    }

    /** The same new account owned by {@code owner} (the creator, when a scoped caller names no owner). */
    Account ownedBy(UUID owner) {
        return new Account(id, name, industry, region, tier, type, parentAccountId, owner, sharedWith, status,
                createdAt, updatedAt, deletedAt, version);
    }
}
