package com.pulse.api.crud;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Keyset position in a sorted list, opaque to clients: base64url of the sort key's code, the
 * direction, the row's id (fixed width) and its sort value (epoch microseconds, what Postgres
 * stores, or the name). A cursor only continues the order it was made for.
 */
public record PageCursor(SortKey sort, boolean ascending, UUID id, String name, Instant createdAt) {

    private static final int MAX_TEXT = 2_000;
    private static final int ID_LENGTH = 36;

    /** The position after a row, for the order of {@code request}. */
    public static PageCursor after(ListRequest request, UUID id, String name, Instant createdAt) {
        return new PageCursor(request.sort(), request.ascending(), id, name, createdAt);
    }

    public String encode() {
        String value = sort == SortKey.NAME ? name : Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, createdAt));
        String plain = "" + sort.code() + (ascending ? 'a' : 'd') + id + value;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<PageCursor> decode(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            return Optional.empty();
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            if (plain.length() < 2 + ID_LENGTH + 1 || (plain.charAt(1) != 'a' && plain.charAt(1) != 'd')) {
                return Optional.empty();
            }
            Optional<SortKey> sort = SortKey.fromCode(plain.charAt(0));
            Optional<UUID> id = Ids.parse(plain.substring(2, 2 + ID_LENGTH));
            if (sort.isEmpty() || id.isEmpty()) {
                return Optional.empty();
            }
            String value = plain.substring(2 + ID_LENGTH);
            boolean ascending = plain.charAt(1) == 'a';
            if (sort.get() == SortKey.NAME) {
                return Optional.of(new PageCursor(SortKey.NAME, ascending, id.get(), value, null));
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(value), ChronoUnit.MICROS);
            return Optional.of(new PageCursor(SortKey.CREATED_AT, ascending, id.get(), null, at));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The bound value the keyset comparison starts after. */
    Object key() {
        return sort == SortKey.NAME ? name : createdAt.atOffset(java.time.ZoneOffset.UTC);
    }
}
