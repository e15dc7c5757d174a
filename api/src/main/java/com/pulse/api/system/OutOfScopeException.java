package com.pulse.api.system;

/**
 * 422: a create or change that would give a record to an owner outside the caller's data scope
 * (a rep assigning to another rep, a manager to another team). Names the field at fault. A kind of
 * invalid request, so an import reports it on the row like any other field problem.
 */
public class OutOfScopeException extends InvalidRequestException {

    public OutOfScopeException(String field, String reason) {
        super(field, reason);
    }
}
