package com.pulse.api.system;

import java.util.List;

/**
 * 422: a create or change that would give a record to an owner outside the caller's data scope
 * (a rep assigning to another rep, a manager to another team). Names the field at fault.
 */
public class OutOfScopeException extends RuntimeException {

    private final List<FieldProblem> errors;

    public OutOfScopeException(String field, String reason) {
        super(field + ": " + reason);
        this.errors = List.of(new FieldProblem(field, reason));
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
