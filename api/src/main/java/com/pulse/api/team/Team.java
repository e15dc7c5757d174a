package com.pulse.api.team;

import com.pulse.api.crud.Versioned;
import com.pulse.events.TeamSnapshot;
import java.time.Instant;
import java.util.UUID;

/** A team as stored (one row of {@code teams}); {@code deletedAt} is set while it is in the recycle bin. */
record Team(UUID id, String name, UUID parentId, UUID managerId, Instant createdAt, Instant updatedAt, Instant deletedAt,
            long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    TeamSnapshot snapshot() {
        return new TeamSnapshot(id, name, parentId, managerId, createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Team binned(Instant at, Instant now) {
        return new Team(id, name, parentId, managerId, createdAt, now, at, version + 1);
    }
}
