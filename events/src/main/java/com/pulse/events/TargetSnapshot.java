package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The full state of a target after a change, as the API stored it (METRICS.md §Targets).
 *
 * @param scopeType  TEAM or USER; {@code scopeId} is the team's or the user's id
 * @param periodType YEAR, QUARTER or MONTH; {@code period} is "2027", "2027-Q1" or "2027-01" accordingly
 * @param metric     WON_AMOUNT, COLLECTED_AMOUNT, NEW_CUSTOMERS, NEW_LEADS or ACTIVITIES
 * @param value      the target figure, at least 0 (money in the base currency)
 * @param deleted    true while the target is in the recycle bin
 */
public record TargetSnapshot(
        UUID id,
        String scopeType,
        UUID scopeId,
        String periodType,
        String period,
        String metric,
        BigDecimal value,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
