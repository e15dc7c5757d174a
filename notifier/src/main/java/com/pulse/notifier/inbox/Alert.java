package com.pulse.notifier.inbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One alert as stored in a user's inbox and pushed on {@code /user/queue/alerts}.
 *
 * @param kind   what triggered it, e.g. {@code BIG_DEAL_WON}
 * @param link   the api resource the alert is about, or null
 * @param readAt when the user marked it read, null while unread
 */
public record Alert(UUID id, String userId, String kind, String title, String body, String link,
                    Instant createdAt, Instant readAt) {

    public boolean read() {
        return readAt != null;
    }
}
