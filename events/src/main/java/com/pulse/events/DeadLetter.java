package com.pulse.events;

import java.time.Instant;

/**
 * A record a consumer could not process. Processing goes on; this keeps
 * where it came from and why, so it can be inspected and replayed.
 *
 * @param payload the raw value as UTF-8 text (or Base64 if it was not text)
 */
public record DeadLetter(
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        String consumer,
        String reason,
        String payload,
        Instant at) {
}
