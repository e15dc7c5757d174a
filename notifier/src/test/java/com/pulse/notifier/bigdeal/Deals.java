package com.pulse.notifier.bigdeal;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Opportunity events as the api writes them: closedAt is the change's time when the change closed the deal. */
final class Deals {

    static final Instant AT = Instant.parse("2026-11-27T10:15:30.125Z");

    private Deals() {
    }

    /** The update that moved the deal to {@code stage} (closedAt = updatedAt when it closes). */
    static OpportunityChanged movedTo(UUID id, UUID owner, String stage, String amountBase, long version) {
        return event(id, owner, stage, amountBase, "CNY", amountBase, version, Operation.UPDATED,
                stage.startsWith("CLOSED") ? AT : null, AT);
    }

    static OpportunityChanged event(UUID id, UUID owner, String stage, String amount, String currency, String amountBase,
                                    long version, Operation operation, Instant closedAt, Instant updatedAt) {
        OpportunitySnapshot deal = new OpportunitySnapshot(id, UUID.randomUUID(), owner, "Deal " + id.toString().substring(0, 8),
                stage, new BigDecimal(amount), currency, new BigDecimal(amountBase), 100, "CLOSED",
                null, closedAt, AT.minusSeconds(86_400), updatedAt, operation == Operation.DELETED, version);
        return new OpportunityChanged(UUID.randomUUID(), id, version, operation, "user:test", updatedAt, deal);
    }
}
