package com.pulse.notifier.live;

import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.events.KpiChanged;
import com.pulse.events.Topic;
import com.pulse.events.Topics;
import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code pulse.agg.*} topics whose changes are broadcast, each under its own name in the
 * destination ({@code /topic/agg/<name>/<scopeType>/<scopeId>}). Every record of these topics is a
 * cell of one scope, which is what a subscriber's data scope is checked against.
 */
enum AggKind {

    FUNNEL("funnel", Topics.AGG_FUNNEL),
    FORECAST("forecast", Topics.AGG_FORECAST),
    KPIS("kpis", Topics.AGG_KPIS);

    final String path;
    final Topic<String, ?> topic;

    AggKind(String path, Topic<String, ?> topic) {
        this.path = path;
        this.topic = topic;
    }

    static Optional<AggKind> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    static Optional<AggKind> byTopic(String qualifiedTopic, String prefix) {
        return Arrays.stream(values()).filter(k -> k.topic.qualified(prefix).equals(qualifiedTopic)).findFirst();
    }

    /** The cell's scope, read from whichever record type the topic carries. */
    ScopeKey scopeOf(Object cell) {
        // Java 17: no pattern switch; the three record types share no interface.
        if (cell instanceof FunnelChanged f) {
            return new ScopeKey(f.scopeType(), f.scopeId());
        }
        if (cell instanceof ForecastChanged f) {
            return new ScopeKey(f.scopeType(), f.scopeId());
        }
        if (cell instanceof KpiChanged k) {
            return new ScopeKey(k.scopeType(), k.scopeId());
        }
        throw new IllegalArgumentException("not an aggregate cell: " + cell.getClass());
    }
}
