package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A product was created, updated, deleted or restored; carries the snapshot after the change. */
public record ProductChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        ProductSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.product.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
