package com.pulse.notifier.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * One firing of a rule for one recipient.
 *
 * @param scheduledAt when Quartz was meant to fire it (not when it ran: a late run evaluates the same period)
 * @param period      the firing the alerts belong to: {@code scheduledAt}, or for a firing deferred by quiet
 *                    hours the original one, so dedupe keys stay those of the original firing
 */
public record Firing(UUID ruleId, String recipient, Instant scheduledAt, Instant period) {

    public boolean deferred() {
        return !period.equals(scheduledAt);
    }
}
