package com.pulse.notifier.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One row of the delivery log. */
public record Delivery(UUID id, String rule, String subject, String period, Channel channel, String recipientUserId,
                       String address, String locale, String template, Map<String, String> variables,
                       DeliveryStatus status, int attempts, Instant nextAttemptAt, UUID claimId, String lastError,
                       String providerMessageId, Integer segments, Provenance provenance, Instant createdAt,
                       Instant sentAt, UUID unlessRead) {
}
