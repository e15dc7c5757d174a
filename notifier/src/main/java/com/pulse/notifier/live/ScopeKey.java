package com.pulse.notifier.live;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The scope of an aggregate cell, as streams names it: {@code COMPANY/company}, {@code TEAM/<team id>} or
 * {@code OWNER/<user id>}. It is a path segment pair of a destination, so an id must be a plain token.
 */
record ScopeKey(String type, String id) {

    static final Set<String> TYPES = Set.of("COMPANY", "TEAM", "OWNER");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** Whether the key can be a destination: a known type and an id without separators or wildcards. */
    boolean valid() {
        return type != null && TYPES.contains(type) && id != null && ID.matcher(id).matches();
    }
}
