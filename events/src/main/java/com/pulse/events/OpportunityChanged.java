package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** An opportunity was created, updated, deleted or restored; carries the snapshot after the change. */
public record OpportunityChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        OpportunitySnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.opportunity.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
