package com.pulse.api.target;

import com.pulse.api.crud.Versioned;
import com.pulse.events.TargetSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A target as stored (one row of {@code targets}); {@code deletedAt} is set while it is in the recycle bin. */
record Target(
        UUID id,
        String scopeType,
        UUID scopeId,
        String periodType,
        String period,
        String metric,
        BigDecimal value,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    TargetSnapshot snapshot() {
        return new TargetSnapshot(id, scopeType, scopeId, periodType, period, metric, value, createdAt, updatedAt, deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Target binned(Instant at, Instant now) {
        return new Target(id, scopeType, scopeId, periodType, period, metric, value, createdAt, now, at, version + 1);
    }

    /** "USER 3f…, 2027-Q1, WON_AMOUNT": what makes a target unique, for problem details. */
    String identity() {
        return scopeType + " " + scopeId + ", " + period + ", " + metric;
    }
}
