package com.pulse.olap.query;

import java.util.List;

/**
 * A pivot query the catalogue cannot answer: which field of the request (e.g. {@code rows[1]},
 * {@code filters[0].op}), why, and the valid values where there is a list of them.
 */
public class InvalidQuery extends RuntimeException {

    private final String field;
    private final List<String> validValues;

    public InvalidQuery(String field, String reason, List<String> validValues) {
        super(field + ": " + reason);
        this.field = field;
        this.validValues = List.copyOf(validValues);
    }

    public String field() {
        return field;
    }

    public String reason() {
        return getMessage().substring(field.length() + 2);
    }

    public List<String> validValues() {
        return validValues;
    }

    /** A caller's text quoted for a message: bounded, so a huge value does not come back whole. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > 64 ? value.substring(0, 64) + "…" : value) + "'";
    }
}
