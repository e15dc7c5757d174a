package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** An account was created, updated, deleted or restored; carries the snapshot after the change. */
public record AccountChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        AccountSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.account.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
