package com.pulse.notifier.inbox;

/** No alert with this id among the caller's: someone else's alert is answered the same as a missing one. */
class AlertNotFound extends RuntimeException {

    AlertNotFound() {
        super("No such alert in your inbox.");
    }
}
