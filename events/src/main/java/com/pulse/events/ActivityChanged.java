package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** An activity was created, updated, deleted or restored; carries the snapshot after the change. */
public record ActivityChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        ActivitySnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.activity.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
