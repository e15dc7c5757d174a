package com.pulse.streams.rebuild;

import java.util.regex.Pattern;

/**
 * The event-log topics everything in ClickHouse is derived from: {@code crm.<aggregate>.v1}, behind the
 * deployment's prefix. Every other topic the streams read or write ({@code pulse.agg.*}, repartition and
 * changelog topics) is derived from them, which is what makes a rebuild possible.
 */
public final class SourceTopics {

    private static final Pattern SOURCE = Pattern.compile("crm\\.[a-z0-9-]+\\.v1");

    private final String prefix;

    public SourceTopics(String prefix) {
        this.prefix = prefix == null || prefix.isBlank() ? "" : prefix + ".";
    }

    public boolean isSource(String topic) {
        return topic.startsWith(prefix) && SOURCE.matcher(topic.substring(prefix.length())).matches();
    }
}
