package com.pulse.api.demo;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled         load the demo company (when the database has none yet) and simulate live traffic
 * @param tick            how often the simulator changes something
 * @param scale           size of the company: 1 is 47 users, 3,000 accounts and 16,000 opportunities; tests use less
 * @param seed            the same seed (and scale) gives the same company
 * @param loadConcurrency changes in flight while loading; the rest of the connection pool serves live traffic
 * @param loginsFile      where the generated password and the demo usernames are written (owner-only); none: not written
 */
@ConfigurationProperties("pulse.api.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2s") Duration tick,
        @DefaultValue("1.0") double scale,
        @DefaultValue("20261127") long seed,
        @DefaultValue("4") int loadConcurrency,
        Path loginsFile) {
}
