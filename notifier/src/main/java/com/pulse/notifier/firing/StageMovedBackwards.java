package com.pulse.notifier.firing;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Operation;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a change moved a deal to an earlier stage of the pipeline, in the order of METRICS.md §Opportunity stages
 * ({@link Pipeline#DEFAULT}, the order the api and streams use). Pure, so it is tested without Kafka or a database;
 * the stage before the change comes from the api's history ({@link StageHistory}).
 *
 * <p>Backwards means: both stages are known, neither is a lost stage, and the new stage comes earlier. Closing a deal
 * as lost is not a step back in the pipeline but an outcome (BIG_DEAL_LOST), and reopening a lost deal revives it;
 * a won deal reopened into an open stage has fallen back and counts.
 */
final class StageMovedBackwards {

    private StageMovedBackwards() {
    }

    /** Whether the record may be a backward move at all (worth asking the history): an update of a live deal. */
    static boolean candidate(OpportunityChanged event) {
        OpportunitySnapshot deal = event.snapshot();
        return deal != null && deal.ownerId() != null && !deal.deleted() && event.operation() == Operation.UPDATED
                && deal.amountBase() != null && stage(deal.stage()).filter(s -> s.kind() != StageKind.LOST).isPresent();
    }

    static boolean backwards(String from, String to) {
        Optional<PipelineStage> before = stage(from);
        Optional<PipelineStage> after = stage(to);
        return before.isPresent() && after.isPresent()
                && before.get().kind() != StageKind.LOST && after.get().kind() != StageKind.LOST
                && after.get().order() < before.get().order();
    }

    /** The rule's threshold: {@code amountBase ≥ minAmount}, compared exactly. */
    static boolean largeEnough(Map<String, Object> parameters, OpportunitySnapshot deal) {
        return deal.amountBase().compareTo(new BigDecimal(parameters.get("minAmount").toString())) >= 0;
    }

    /** The alert's line: the deal, the stages it moved between and its amount in the base currency. */
    static String line(OpportunitySnapshot deal, String from, String baseCurrency, boolean chinese) {
        String amount = String.format(Locale.ROOT, "%,.2f %s", deal.amountBase(), baseCurrency);
        if (chinese) {
            return deal.name() + " — 从 " + from + " 退回 " + deal.stage() + "（" + amount + "）";
        }
        return deal.name() + " — moved back from " + from + " to " + deal.stage() + " (" + amount + ")";
    }

    private static Optional<PipelineStage> stage(String name) {
        return name == null ? Optional.empty() : Pipeline.DEFAULT.stage(name);
    }
}
