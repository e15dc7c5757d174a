package com.pulse.notifier.firing;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import com.pulse.notifier.rules.RuleType;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Whether an opportunity event is the change that won (or lost) a deal at or above a rule's {@code minAmount}.
 * Pure, so it is tested without Kafka or a database.
 *
 * <p>The event carries only the state after the change; the api sets {@code closedAt} to the change's time
 * exactly when the stage moves to won or lost (and keeps it on later edits), so "this change closed the deal"
 * is {@code closedAt == updatedAt}. An edit of a deal closed earlier therefore does not alert again.
 */
final class DealClosed {

    private DealClosed() {
    }

    static boolean matches(RuleType type, Map<String, Object> parameters, OpportunityChanged event) {
        String stage = switch (type) {
            case BIG_DEAL_WON -> "CLOSED_WON";
            case BIG_DEAL_LOST -> "CLOSED_LOST";
            default -> null;
        };
        OpportunitySnapshot deal = event.snapshot();
        return stage != null && deal != null && deal.ownerId() != null && !deal.deleted()
                && (event.operation() == Operation.CREATED || event.operation() == Operation.UPDATED)
                && stage.equals(deal.stage()) && deal.amountBase() != null
                && deal.amountBase().compareTo(new BigDecimal(parameters.get("minAmount").toString())) >= 0
                && deal.closedAt() != null && deal.closedAt().equals(deal.updatedAt());
    }

    /** The alert's line: the deal, its outcome and its amount in the base currency (and its own, if other). */
    static String line(RuleType type, OpportunitySnapshot deal, String baseCurrency, boolean chinese) {
        boolean won = type == RuleType.BIG_DEAL_WON;
        String amount = money(deal.amountBase(), baseCurrency);
        String original = deal.currency() == null || deal.currency().equals(baseCurrency)
                ? "" : " (" + money(deal.amount(), deal.currency()) + ")";
        if (chinese) {
            return deal.name() + " — " + (won ? "赢单 " : "丢单 ") + amount + original;
        }
        return deal.name() + " — " + (won ? "won at " : "lost at ") + amount + original;
    }

    private static String money(BigDecimal amount, String currency) {
        return String.format(Locale.ROOT, "%,.2f %s", amount, currency);
    }
}
