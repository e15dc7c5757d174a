package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A task was created, updated, deleted or restored; carries the snapshot after the change. */
public record TaskChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        TaskSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.task.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
