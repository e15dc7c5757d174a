package com.pulse.notifier.masssend;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A mass send as stored. Its messages are the delivery log's rows of rule {@code mass-send:<id>}. */
record MassSend(UUID id, String ownerId, String name, String channel, UUID campaignId, Map<String, Object> filter,
                String subject, String body, String locale, int recipients, int skipped, double ratePerSecond,
                Instant startsAt, Instant endsAt, Instant createdAt) {

    String rule() {
        return rule(id);
    }

    static String rule(UUID id) {
        return "mass-send:" + id;
    }
}
