package com.pulse.notifier.delivery;

/** How a delivery reaches its recipient. */
public enum Channel {
    /** The inbox and {@code /user/queue/alerts}, through {@link com.pulse.notifier.inbox.AlertService}. */
    IN_APP,
    /** A text message through Twilio to an E.164 number. */
    SMS,
    /** An HTML + plain-text email through SMTP. */
    EMAIL
}
