package com.pulse.api.opportunity;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Keyset position in the list (created_at, id), opaque to clients: base64url of
 * "epoch-microseconds:uuid". Microseconds because that is what Postgres stores.
 */
record Cursor(Instant createdAt, UUID id) {

    static Cursor after(Opportunity last) {
        return new Cursor(last.createdAt(), last.id());
    }

    String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    static Optional<Cursor> decode(String text) {
        if (text == null || text.length() > 100) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            int colon = plain.indexOf(':');
            if (colon < 1) {
                return Optional.empty();
            }
            long micros = Long.parseLong(plain.substring(0, colon));
            Optional<UUID> id = Ids.parse(plain.substring(colon + 1));
            return id.map(uuid -> new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), uuid));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
