package com.pulse.api.lead;

import com.pulse.api.crud.Versioned;
import com.pulse.events.LeadSnapshot;
import java.time.Instant;
import java.util.UUID;

/** A lead as stored (one row of {@code leads}); {@code deletedAt} is set while it is in the recycle bin. */
record Lead(
        UUID id,
        String source,
        UUID campaignId,
        String company,
        String contactName,
        String title,
        String email,
        String phone,
        String status,
        String disqualifiedReason,
        Instant convertedAt,
        UUID convertedAccountId,
        UUID convertedContactId,
        UUID convertedOpportunityId,
        UUID ownerId,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    static final String CONVERTED = "CONVERTED";

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    boolean converted() {
        return CONVERTED.equals(status);
    }

    LeadSnapshot snapshot() {
        return new LeadSnapshot(id, source, campaignId, company, contactName, title, email, phone, status, disqualifiedReason,
                convertedAt, convertedAccountId, convertedContactId, convertedOpportunityId, ownerId, createdAt, updatedAt,
                deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Lead binned(Instant at, Instant now) {
        return new Lead(id, source, campaignId, company, contactName, title, email, phone, status, disqualifiedReason,
                convertedAt, convertedAccountId, convertedContactId, convertedOpportunityId, ownerId, createdAt, now, at,
                version + 1);
    }

    /** The same new lead owned by {@code owner} (the creator, when a scoped caller names no owner). */
    Lead ownedBy(UUID owner) {
        return new Lead(id, source, campaignId, company, contactName, title, email, phone, status, disqualifiedReason,
                convertedAt, convertedAccountId, convertedContactId, convertedOpportunityId, owner, createdAt, updatedAt,
                deletedAt, version);
    }

    /** CONVERTED with the records the conversion made, at the next version. */
    Lead convertedTo(UUID account, UUID contact, UUID opportunity, Instant now) {
        return new Lead(id, source, campaignId, company, contactName, title, email, phone, CONVERTED, null,
                now, account, contact, opportunity, ownerId, createdAt, now, deletedAt, version + 1);
    }
}
