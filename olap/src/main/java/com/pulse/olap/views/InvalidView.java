package com.pulse.olap.views;

import java.util.List;

/** A saved view's body refused: which field ({@code name}, {@code sharing}, {@code query.rows[1]}, …), why, and the valid values if a list. */
class InvalidView extends RuntimeException {

    private final String field;
    private final String reason;
    private final List<String> validValues;

    InvalidView(String field, String reason, List<String> validValues) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
        this.validValues = List.copyOf(validValues);
    }

    String field() {
        return field;
    }

    String reason() {
        return reason;
    }

    List<String> validValues() {
        return validValues;
    }
}
