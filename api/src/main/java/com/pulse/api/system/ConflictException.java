package com.pulse.api.system;

/** The client's precondition (the version it last saw) no longer holds: 409. */
public class ConflictException extends RuntimeException {

    private final long currentVersion;

    public ConflictException(String message, long currentVersion) {
        super(message);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
