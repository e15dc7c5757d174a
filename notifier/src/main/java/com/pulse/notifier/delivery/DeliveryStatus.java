package com.pulse.notifier.delivery;

/** Where a delivery stands. SENT, FAILED, FAILED_PERMANENT and CANCELLED are final. */
public enum DeliveryStatus {
    /** Enqueued, never tried. */
    PENDING,
    /** Claimed by a dispatcher, which is handing it to the provider now. */
    SENDING,
    /** The provider accepted it. */
    SENT,
    /** A transient failure; tried again at {@code nextAttemptAt}. */
    RETRYING,
    /** Transient failures until the attempts ran out. */
    FAILED,
    /** A failure that a retry cannot fix (invalid number, hard bounce, channel not configured). */
    FAILED_PERMANENT,
    /** An escalation not sent: the in-app alert it escalates was read in the inbox first. */
    CANCELLED
}
