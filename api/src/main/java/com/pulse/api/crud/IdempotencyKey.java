package com.pulse.api.crud;

import com.pulse.api.system.InvalidRequestException;

/**
 * The {@code Idempotency-Key} header of a create, or none. A controller takes it as a parameter
 * (see {@link IdempotencyKeyResolver}); the header is checked there, so a bad one is a 400 naming it.
 *
 * @param value 1..200 printable ASCII characters, or null when the request has no key
 */
public record IdempotencyKey(String value) {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX = 200;
    public static final IdempotencyKey NONE = new IdempotencyKey(null);

    public boolean present() {
        return value != null;
    }

    /** Printable ASCII, as HTTP header values are; 1..200 characters (the column's limit). */
    public static IdempotencyKey parse(String header) {
        if (header == null) {
            return NONE;
        }
        if (header.isBlank() || header.length() > MAX || !header.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw new InvalidRequestException(HEADER, "must be 1 to " + MAX + " printable ASCII characters");
        }
        return new IdempotencyKey(header);
    }
}
