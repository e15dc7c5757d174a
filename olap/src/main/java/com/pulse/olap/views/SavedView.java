package com.pulse.olap.views;

import com.pulse.olap.query.PivotQuery;
import java.time.Instant;

/** One saved pivot at one version. {@code ownerTeamId} is the owner's team when it was last saved (may be empty). */
record SavedView(String id, long version, String ownerId, String ownerTeamId, String name, PivotQuery query,
                 Sharing sharing, Instant createdAt, Instant updatedAt) {
}
