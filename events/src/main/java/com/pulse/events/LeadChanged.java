package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A lead was created, updated (converted included), deleted or restored; carries the snapshot after the change. */
public record LeadChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        LeadSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.lead.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
