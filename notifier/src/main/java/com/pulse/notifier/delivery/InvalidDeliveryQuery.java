package com.pulse.notifier.delivery;

/** A query parameter of {@code GET /notifier/v1/deliveries} with a value it may not have; 400 naming it. */
class InvalidDeliveryQuery extends RuntimeException {

    private final String field;

    InvalidDeliveryQuery(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
