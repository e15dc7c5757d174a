package com.pulse.streams.funnel;

import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import java.math.BigDecimal;
import java.util.UUID;

/** What one opportunity contributes to the snapshot funnel (METRICS.md §Funnel); ownerId may be null. */
record FunnelMember(String stage, BigDecimal amountBase, int probability, UUID ownerId) {

    /** The member, or {@code null} when the opportunity counts nowhere: closed, deleted or in an unknown stage. */
    static FunnelMember of(OpportunitySnapshot s, Pipeline pipeline) {
        if (s.deleted() || !pipeline.isOpen(s.stage())) {
            return null;
        }
        return new FunnelMember(s.stage(), s.amountBase(), s.probability(), s.ownerId());
    }

    /** amountBase × probability / 100, exact. */
    BigDecimal weighted() {
        return amountBase.multiply(BigDecimal.valueOf(probability)).movePointLeft(2);
    }
}
