package com.pulse.events;

import java.time.Instant;
import java.util.UUID;

/** A campaign was created, updated, deleted or restored; carries the snapshot after the change. */
public record CampaignChanged(
        UUID eventId,
        UUID aggregateId,
        long aggregateVersion,
        Operation operation,
        String actor,
        Instant occurredAt,
        CampaignSnapshot snapshot) implements DomainEvent {

    public static final String TYPE = "com.pulse.crm.campaign.changed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
