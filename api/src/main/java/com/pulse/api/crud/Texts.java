package com.pulse.api.crud;

import com.pulse.api.system.FieldProblem;
import java.util.List;

/** Checks of free-text fields: not blank, bounded in length, no control characters. */
public final class Texts {

    private Texts() {
    }

    public static void required(String field, String value, int max, List<FieldProblem> errors) {
        if (value == null) {
            errors.add(new FieldProblem(field, "is required"));
        } else {
            optional(field, value, max, errors);
        }
    }

    /** A present value must be a non-blank line of at most {@code max} characters (after stripping). */
    public static void optional(String field, String value, int max, List<FieldProblem> errors) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            errors.add(new FieldProblem(field, "must not be blank"));
        } else if (value.strip().length() > max) {
            errors.add(new FieldProblem(field, "must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldProblem(field, "must not contain control characters"));
        }
    }

    /** A present value must be one of {@code allowed}, exactly. */
    public static void oneOf(String field, String value, List<String> allowed, List<FieldProblem> errors) {
        if (value != null && !allowed.contains(value)) {
            errors.add(new FieldProblem(field, "must be one of " + allowed));
        }
    }

    public static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
