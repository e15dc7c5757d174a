package com.pulse.notifier.delivery;

/** What a channel's provider made of one attempt. */
public sealed interface SendOutcome {

    /** Accepted; {@code providerMessageId} is the provider's id (Twilio SID, Message-ID, alert id). */
    record Sent(String providerMessageId, Integer segments) implements SendOutcome {
    }

    /** Worth trying again later: rate limited, provider error, timeout, connection refused. */
    record Transient(String error) implements SendOutcome {
    }

    /** A retry would fail the same way: invalid number, hard bounce, channel not configured. */
    record Permanent(String error) implements SendOutcome {
    }
}
