package com.pulse.devstack;

import java.time.Duration;

/** One piece of infrastructure the supervisor starts, waits for and stops. */
interface Service {

    String name();

    /** The environment variable that hands this service to Pulse, and its value. */
    String envName();

    String envValue();

    /** Fails with {@link MissingPrerequisite} before anything starts when a binary or jar is missing. */
    void preflight();

    /** Starts the server without waiting for it to answer. */
    void launch() throws Exception;

    /** Blocks until the server answers, or throws with a pointer to its log. */
    void awaitReady(Duration timeout) throws Exception;

    /** Drops the per-test-class databases or topics a previous run left behind. */
    void dropTestNamespaces() throws Exception;

    void stop();

    /** Process ids worth reporting (RSS), empty when the service runs inside the supervisor. */
    default long pid() {
        return -1;
    }
}
