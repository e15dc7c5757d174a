package com.pulse.notifier.bigdeal;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.big-deal.*}: the built-in "big deal won" alert.
 *
 * @param minAmount       the smallest amount in the base currency ({@code amountBase}) that alerts
 * @param autoOffsetReset where the shared consumer group starts the very first time (later it resumes
 *                        from its commits): {@code latest} in production, so a first deployment does not
 *                        alert on every deal ever won; tests on a fresh topic use {@code earliest}
 */
@ConfigurationProperties("pulse.notifier.big-deal")
record BigDealProperties(
        @DefaultValue("1000000") BigDecimal minAmount,
        @DefaultValue("latest") String autoOffsetReset) {
}
