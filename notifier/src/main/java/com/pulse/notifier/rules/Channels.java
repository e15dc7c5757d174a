package com.pulse.notifier.rules;

import com.pulse.notifier.problem.BodyReader;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a list of channels: each at most once, in the order given (the order of preference). */
public final class Channels {

    private Channels() {
    }

    /** The channels, or null (with problems) when invalid; {@code emptyAllowed} for "all off". */
    public static List<Channel> read(JsonNode node, String path, BodyReader reader, boolean emptyAllowed) {
        if (!node.isArray()) {
            reader.problem(path, "must be an array of IN_APP, SMS, EMAIL");
            return null;
        }
        List<Channel> channels = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            Channel channel = null;
            if (item.isString()) {
                try {
                    channel = Channel.valueOf(item.asString());
                } catch (IllegalArgumentException e) {
                    // refused below
                }
            }
            if (channel == null) {
                reader.problem(path + "[" + i + "]", "must be one of IN_APP, SMS, EMAIL");
            } else if (channels.contains(channel)) {
                reader.problem(path + "[" + i + "]", "named twice");
            } else {
                channels.add(channel);
            }
        }
        if (channels.isEmpty() && !emptyAllowed && !reader.hasProblems()) {
            reader.problem(path, "must name at least one channel");
        }
        return channels;
    }
}
