package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A team was created, updated, deleted or restored; carries the snapshot after the change. */
public record TeamChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        TeamSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.team.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
