package com.pulse.api.system;

import java.util.List;

/** The request is well-formed but its values are not acceptable: 400 with every field problem found. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequestException(List<FieldProblem> errors) {
        super("invalid request: " + errors);
        this.errors = List.copyOf(errors);
    }

    public InvalidRequestException(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
