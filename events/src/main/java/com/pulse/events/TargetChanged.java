package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A target was created, updated, deleted or restored; carries the snapshot after the change. */
public record TargetChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        TargetSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.target.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
