package com.pulse.notifier.problem;

import java.util.List;

/** A request with one or more bad fields: 400 problem+json listing each field and reason. */
public class InvalidRequest extends RuntimeException {

    private final List<FieldProblem> errors;

    public InvalidRequest(List<FieldProblem> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).reason());
        this.errors = List.copyOf(errors);
    }

    public InvalidRequest(String field, String reason) {
        this(List.of(new FieldProblem(field, reason)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
