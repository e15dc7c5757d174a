package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A fact: an opportunity's stage changed between two applied versions (METRICS.md §Funnel, stage transitions).
 * Published on {@code pulse.agg.transitions.v1}, key = opportunity id. Plain JSON.
 *
 * @param fromStage  the stage of the previously applied version; {@code null} when the opportunity was created
 * @param toStage    the stage of this version
 * @param at         the snapshot's {@code updatedAt}
 * @param amountBase the amount in base currency at the transition
 * @param ownerId    the owner at the transition, may be null
 * @param version    the aggregate version that made the transition (one transition per version at most)
 */
public record StageTransitioned(
        UUID opportunityId,
        String fromStage,
        String toStage,
        Instant at,
        BigDecimal amountBase,
        UUID ownerId,
        long version) {
}
