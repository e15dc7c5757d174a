package com.pulse.notifier.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where the next inbox page starts: after the alert with this (created_at, id), newest first.
 * Opaque to clients (base64url of "instant|id"), so its form can change.
 */
record InboxCursor(Instant createdAt, UUID id) {

    static InboxCursor after(Alert alert) {
        return new InboxCursor(alert.createdAt(), alert.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor, or {@link InvalidField} on {@code cursor} when it is not one this service wrote. */
    static InboxCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 2) {
                return new InboxCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // falls through to the refusal below
        }
        throw new InvalidField("cursor", "not a cursor from a previous page's nextCursor");
    }
}
