package com.pulse.notifier.bigdeal;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import com.pulse.notifier.inbox.NewAlert;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/**
 * "Big deal won": a change that moves an opportunity to CLOSED_WON with {@code amountBase} at or above
 * the threshold alerts its owner. Pure, so it is tested without Kafka or a database.
 *
 * <p>The event carries only the state after the change; the api sets {@code closedAt} to the change's
 * time exactly when the stage moves to won or lost (and keeps it on later edits), so "this change won
 * the deal" is {@code closedAt == updatedAt}. An edit of a deal won earlier therefore does not alert again.
 */
final class BigDealRule {

    static final String KIND = "BIG_DEAL_WON";
    static final String WON = "CLOSED_WON";

    private final BigDecimal minAmount;
    private final String baseCurrency;

    BigDealRule(BigDecimal minAmount, String baseCurrency) {
        this.minAmount = minAmount;
        this.baseCurrency = baseCurrency;
    }

    /** The alert for the deal's owner, or empty when this change is not a big deal being won. */
    Optional<NewAlert> on(OpportunityChanged event) {
        OpportunitySnapshot deal = event.snapshot();
        if (deal == null || deal.ownerId() == null || deal.deleted()
                || (event.operation() != Operation.CREATED && event.operation() != Operation.UPDATED)
                || !WON.equals(deal.stage()) || deal.amountBase() == null
                || deal.amountBase().compareTo(minAmount) < 0
                || deal.closedAt() == null || !deal.closedAt().equals(deal.updatedAt())) {
            return Optional.empty();
        }
        String amount = money(deal.amountBase(), baseCurrency);
        String body = deal.currency() == null || deal.currency().equals(baseCurrency)
                ? "Closed won at " + amount + "."
                : "Closed won at " + amount + " (" + money(deal.amount(), deal.currency()) + ").";
        return Optional.of(new NewAlert(KIND, "Big deal won: " + deal.name() + " — " + amount, body,
                "/api/v1/opportunities/" + deal.id()));
    }

    /** One alert per version of a deal: a duplicate or redelivered event has the same key. */
    static String dedupeKey(OpportunityChanged event) {
        return KIND + ":" + event.aggregateId() + ":" + event.aggregateVersion();
    }

    private static String money(BigDecimal amount, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }
}
