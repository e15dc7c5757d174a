package com.pulse.devstack;

import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The supervisor's own console lines; the servers log to their own files. */
final class Log {

    private Log() {
    }

    static void info(String message) {
        System.out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [devstack] " + message);
        System.out.flush();
    }

    static void error(String message) {
        System.err.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " [devstack] ERROR " + message);
        System.err.flush();
    }
}
