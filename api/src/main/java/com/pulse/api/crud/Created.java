package com.pulse.api.crud;

/**
 * A create's outcome.
 *
 * @param replayed true when an Idempotency-Key matched an earlier create, whose record (as it is now) this is
 */
public record Created<T>(T record, boolean replayed) {
}
