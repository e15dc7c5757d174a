package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A scheduled rule type's query over the api's tables (schema {@code public}, read-only), within a data
 * scope. Evaluated "as of" the firing's instant, not the wall clock, so re-running a period finds the same.
 */
public interface BuiltInQuery {

    RuleType type();

    /**
     * @param parameters the rule's validated parameters
     * @param at         the instant the firing evaluates as of
     * @param zone       the recipient's time zone, for "today" and "this month"
     * @param lines      the words of the recipient's language
     */
    Evaluation run(Map<String, Object> parameters, Scope scope, Instant at, ZoneId zone, Lines lines);

    /**
     * As {@link #run(Map, Scope, Instant, ZoneId, Lines)}, for a rule of {@code ownerId} sent to {@code recipientId}:
     * the types that need to know whose rule it is (a saved view the owner may see) override this one.
     */
    default Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at,
                           ZoneId zone, Lines lines) {
        return run(parameters, scope, at, zone, lines);
    }
}
