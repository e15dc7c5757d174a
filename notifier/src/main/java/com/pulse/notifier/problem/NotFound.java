package com.pulse.notifier.problem;

/** Nothing of the caller's with this id: someone else's is answered the same as a missing one. */
public class NotFound extends RuntimeException {

    public NotFound(String detail) {
        super(detail);
    }
}
