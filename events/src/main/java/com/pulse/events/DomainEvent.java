package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every entity event carries. Consumers drop an event whose
 * {@link #aggregateVersion()} is not newer than the last one they applied,
 * so duplicates and reordering are harmless.
 */
public interface DomainEvent {

    UUID eventId();

    UUID aggregateId();

    long aggregateVersion();

    Operation operation();

    /** Who made the change: a user id, or {@code system}. */
    String actor();

    Instant occurredAt();

    /** The CloudEvents {@code type} attribute of this event. */
    String type();
}
