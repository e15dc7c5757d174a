package com.pulse.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/** Where the next page of the log starts: after the row with this (created_at, id), newest first; opaque to clients. */
record DeliveryCursor(Instant createdAt, UUID id) {

    static DeliveryCursor after(Delivery d) {
        return new DeliveryCursor(d.createdAt(), d.id());
    }

    String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    static DeliveryCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length == 2 && parts[1].length() == 36) {
                return new DeliveryCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // refused below
        }
        throw new InvalidDeliveryQuery("cursor", "not a cursor from a previous page's nextCursor");
    }
}
