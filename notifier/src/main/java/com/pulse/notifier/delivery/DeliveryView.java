package com.pulse.notifier.delivery;

import java.time.Instant;
import java.util.UUID;

/** A row of the log as {@code GET /notifier/v1/deliveries} shows it (no template variables). */
record DeliveryView(UUID id, String rule, String subject, String period, Channel channel, String recipientUserId,
                    String address, String locale, String template, DeliveryStatus status, int attempts,
                    Instant nextAttemptAt, String lastError, String providerMessageId, Integer segments,
                    Provenance provenance, Instant createdAt, Instant sentAt) {

    static DeliveryView of(Delivery d) {
        boolean waiting = d.status() == DeliveryStatus.PENDING || d.status() == DeliveryStatus.RETRYING;
        return new DeliveryView(d.id(), d.rule(), d.subject(), d.period(), d.channel(), d.recipientUserId(),
                d.address(), d.locale(), d.template(), d.status(), d.attempts(), waiting ? d.nextAttemptAt() : null,
                d.lastError(), d.providerMessageId(), d.segments(), d.provenance(), d.createdAt(), d.sentAt());
    }
}
