package com.pulse.olap.system;

/** A user already has as many queries running as {@code pulse.olap.concurrency.per-user} allows. */
public class TooManyQueries extends RuntimeException {

    private final int limit;

    public TooManyQueries(int limit) {
        super("You already have " + limit + " analytics queries running, the most allowed at once; retry when one has finished.");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
