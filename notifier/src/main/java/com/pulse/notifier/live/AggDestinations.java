package com.pulse.notifier.live;

import java.util.Optional;

/**
 * Scoped broadcast destinations: {@code /topic/agg/<kind>/<scopeType>/<scopeId>}, e.g.
 * {@code /topic/agg/funnel/OWNER/7c0e…}. One destination per cell scope lets the broker do the
 * filtering: a subscription is checked once, when it is made, and a change costs one lookup of that
 * destination's subscribers instead of a check per session and message.
 */
public final class AggDestinations {

    public static final String PREFIX = "/topic/agg/";

    private AggDestinations() {
    }

    static String of(AggKind kind, ScopeKey scope) {
        return PREFIX + kind.path + "/" + scope.type() + "/" + scope.id();
    }

    /** The kind and scope a destination names, or empty when it is not exactly such a destination. */
    static Optional<Target> parse(String destination) {
        if (destination == null || !destination.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = destination.substring(PREFIX.length()).split("/", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        ScopeKey scope = new ScopeKey(parts[1], parts[2]);
        return AggKind.byPath(parts[0]).filter(k -> scope.valid()).map(k -> new Target(k, scope));
    }

    record Target(AggKind kind, ScopeKey scope) {
    }
}
