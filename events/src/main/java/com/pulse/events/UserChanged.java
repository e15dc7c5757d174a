package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A user was created, updated, deleted or restored; carries the snapshot after the change. */
public record UserChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        UserSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.user.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
