package com.pulse.notifier.builtin;

import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A scheduled rule type's query, over olap's facts ({@link OlapQueries}) or the api's tables (schema {@code public},
 * read-only), within a data scope. Evaluated "as of" the firing's instant, not the wall clock, so re-running a period
 * finds the same.
 */
public interface BuiltInQuery {

    RuleType type();

    /**
     * @param ownerId     whose rule it is (a saved view must be visible to them)
     * @param recipientId whom the firing tells
     * @param parameters  the rule's validated parameters
     * @param scope       what both the owner and the recipient may see in the api (types on olap's facts use olap's
     *                    data scope instead, {@link OlapQueries#firingScope})
     * @param at          the instant the firing evaluates as of
     * @param zone        the recipient's time zone, for "today" and "this month"
     * @param lines       the words of the recipient's language
     */
    Evaluation run(String ownerId, String recipientId, Map<String, Object> parameters, Scope scope, Instant at, ZoneId zone,
                   Lines lines);
}
