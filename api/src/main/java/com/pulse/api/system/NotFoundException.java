package com.pulse.api.system;

/** The addressed record does not exist (or, later, is not visible to the caller): 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " not found");
    }
}
