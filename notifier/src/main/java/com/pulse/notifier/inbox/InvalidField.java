package com.pulse.notifier.inbox;

/** A request parameter or body field with a value it may not have; answered 400 problem+json naming it. */
class InvalidField extends RuntimeException {

    private final String field;

    InvalidField(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
