package com.pulse.notifier.delivery;

import java.time.Clock;

/**
 * The clock the delivery log runs on (due times, back-off, leases). Its own type rather than a bare
 * {@link Clock} bean, so other features of the notifier may have theirs without ambiguity, and tests
 * move this one to drive retries without sleeping.
 */
public record DeliveryClock(Clock clock) {
}
