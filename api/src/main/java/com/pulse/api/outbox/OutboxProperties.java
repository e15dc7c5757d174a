package com.pulse.api.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often the relay looks for rows even without a NOTIFY (missed notifications, restarts)
 * @param batchSize    rows published per transaction
 */
@ConfigurationProperties("pulse.api.outbox")
record OutboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize) {
}
