package com.pulse.api.demo;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled       load the demo dataset (when the database has no opportunities) and simulate traffic
 * @param tick          how often the simulator changes something
 * @param opportunities how many opportunities the dataset holds
 */
@ConfigurationProperties("pulse.api.demo")
record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("2s") Duration tick,
        @DefaultValue("1000") int opportunities) {
}
