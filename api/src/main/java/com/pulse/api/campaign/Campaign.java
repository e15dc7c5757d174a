package com.pulse.api.campaign;

import com.pulse.api.crud.Versioned;
import com.pulse.events.CampaignSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A campaign as stored (one row of {@code campaigns}); {@code deletedAt} is set while it is in the recycle bin. */
record Campaign(
        UUID id,
        String name,
        String channel,
        BigDecimal budget,
        BigDecimal actualCost,
        LocalDate startDate,
        LocalDate endDate,
        String status,
        Instant createdAt,
        Instant updatedAt,
        Instant deletedAt,
        long version) implements Versioned {

    @Override
    public boolean deleted() {
        return deletedAt != null;
    }

    CampaignSnapshot snapshot() {
        return new CampaignSnapshot(id, name, channel, budget, actualCost, startDate, endDate, status, createdAt, updatedAt,
                deleted(), version);
    }

    /** Into ({@code at} set) or out of (null) the recycle bin, at the next version. */
    Campaign binned(Instant at, Instant now) {
        return new Campaign(id, name, channel, budget, actualCost, startDate, endDate, status, createdAt, now, at, version + 1);
    }
}
