package com.pulse.devstack;

import java.util.Map;
import java.util.function.BooleanSupplier;

/** Where {@link Devstack#get()} takes its servers from. */
enum DevstackSource {
    /** Servers started by `./pulse` (environment variables or the repository's devstack.env). */
    LOCAL,
    /** Testcontainers, only on request and only where a Docker engine answers. */
    CONTAINERS;

    static final String FLAG = "PULSE_TEST_CONTAINERS";

    static DevstackSource select(Map<String, String> env, BooleanSupplier dockerAnswers) {
        return "1".equals(env.get(FLAG)) && dockerAnswers.getAsBoolean() ? CONTAINERS : LOCAL;
    }
}
