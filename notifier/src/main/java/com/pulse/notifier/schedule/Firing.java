package com.pulse.notifier.schedule;

import java.time.Instant;
import java.util.UUID;

/**
 * One firing of a rule for one recipient.
 *
 * @param scheduledAt when Quartz was meant to fire it (not when it ran: a late run evaluates the same period)
 * @param period      the firing the alerts belong to: {@code scheduledAt}, or for a firing deferred by quiet
 *                    hours or retried the original one, so dedupe keys stay those of the original firing
 * @param asOf        the instant its query evaluates as of: {@code scheduledAt}, or for a retry the instant of the try
 *                    that could not read its facts, so the retry finds what that try would have found
 */
public record Firing(UUID ruleId, String recipient, Instant scheduledAt, Instant period, Instant asOf) {

    public Firing(UUID ruleId, String recipient, Instant scheduledAt, Instant period) {
        this(ruleId, recipient, scheduledAt, period, scheduledAt);
    }

    public boolean deferred() {
        return !period.equals(scheduledAt);
    }
}
