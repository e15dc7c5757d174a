package com.pulse.notifier.rules;

import com.pulse.notifier.problem.BodyReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * "Not read in N minutes → the next channel": {@code "escalation": {"afterMinutes": 30}} on a rule whose first
 * channel is IN_APP. Read is only known for the inbox, so only an in-app alert can be escalated; the next
 * channel is the next of the rule's channels that reaches the recipient.
 */
public record Escalation(int afterMinutes) {

    static final int MAX_MINUTES = 7 * 24 * 60;

    public Duration after() {
        return Duration.ofMinutes(afterMinutes);
    }

    Map<String, Object> toMap() {
        return Map.of("afterMinutes", afterMinutes);
    }

    /** The rule's escalation, or null when absent; problems are added to {@code r}. */
    static Escalation read(JsonNode body, List<Channel> channels, BodyReader r) {
        JsonNode node = r.object(body, "escalation", "escalation", false);
        if (node == null) {
            return null;
        }
        r.onlyKnown(node, "escalation", Set.of("afterMinutes"));
        Integer minutes = r.integer(node, "afterMinutes", "escalation.afterMinutes", true, 1, MAX_MINUTES);
        if (channels != null && (channels.isEmpty() || channels.get(0) != Channel.IN_APP || channels.size() < 2)) {
            r.problem("escalation", "needs IN_APP as the first channel (only an in-app alert is known to be read) "
                    + "and at least one more channel to escalate to");
        }
        return minutes == null ? null : new Escalation(minutes);
    }
}
