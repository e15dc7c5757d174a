package com.pulse.notifier.inbox;

import java.time.Instant;
import java.util.UUID;

/** An alert as clients see it, in the inbox and on {@code /user/queue/alerts} (no user id: it is always theirs). */
record AlertView(UUID id, String kind, String title, String body, String link, Instant createdAt, Instant readAt,
                 boolean read) {

    static AlertView of(Alert alert) {
        return new AlertView(alert.id(), alert.kind(), alert.title(), alert.body(), alert.link(), alert.createdAt(),
                alert.readAt(), alert.read());
    }
}
