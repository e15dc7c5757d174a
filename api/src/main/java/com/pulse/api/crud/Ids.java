package com.pulse.api.crud;

import com.pulse.api.system.FieldProblem;
import com.pulse.api.system.InvalidRequestException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Strict UUID parsing: {@link UUID#fromString} also accepts short forms like "1-2-3-4-5". */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static Optional<UUID> parse(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    /** The path or query parameter {@code field} as a UUID, or a 400 naming it. */
    public static UUID require(String field, String text) {
        return parse(text).orElseThrow(() -> new InvalidRequestException(field, "must be a UUID"));
    }

    /** An optional query parameter as a UUID: null when absent, a problem added to {@code errors} when malformed. */
    public static UUID optional(String field, String text, List<FieldProblem> errors) {
        if (text == null) {
            return null;
        }
        UUID id = parse(text).orElse(null);
        if (id == null) {
            errors.add(new FieldProblem(field, "must be a UUID"));
        }
        return id;
    }
}
