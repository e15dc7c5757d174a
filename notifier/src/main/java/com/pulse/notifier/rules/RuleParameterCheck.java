package com.pulse.notifier.rules;

import java.util.Map;

/**
 * A check of a rule's parameters that needs more than their shape (a saved view that exists and that the owner may
 * see, say); run when a rule is created or replaced, before anything is written. Throws
 * {@link com.pulse.notifier.problem.InvalidRequest} naming the parameter.
 */
public interface RuleParameterCheck {

    /** The type whose parameters this checks. */
    RuleType type();

    void check(String ownerId, Map<String, Object> parameters);
}
