package com.pulse.notifier.problem;

/** The client changed a version it read before someone else's change: 409 with the current version. */
public class VersionConflict extends RuntimeException {

    private final long current;

    public VersionConflict(long current) {
        super("The record was changed since you read it; it is now at version " + current + ".");
        this.current = current;
    }

    public long current() {
        return current;
    }
}
