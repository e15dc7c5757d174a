package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A contact was created, updated, deleted or restored; carries the snapshot after the change. */
public record ContactChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        ContactSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.contact.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
