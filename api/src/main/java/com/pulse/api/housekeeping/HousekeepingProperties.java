package com.pulse.api.housekeeping;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outboxRetention      how long a published outbox row is kept (for audits and replays by hand);
 *                             unpublished rows are never deleted
 * @param idempotencyRetention how long an Idempotency-Key answers a retry with the first result;
 *                             after that the same key creates anew
 * @param interval             how often the clean-up runs
 * @param batchSize            rows deleted per statement, so no statement holds locks for long
 */
@ConfigurationProperties("pulse.api.housekeeping")
record HousekeepingProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("7d") Duration outboxRetention,
        @DefaultValue("24h") Duration idempotencyRetention,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("5000") int batchSize) {
}
