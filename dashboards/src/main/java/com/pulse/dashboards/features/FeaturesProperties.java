package com.pulse.dashboards.features;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the pages may offer beyond the role-based ones.
 *
 * @param demo the notifier runs with its demo catchers ({@code ./pulse demo} sets {@code PULSE_DASHBOARDS_DEMO}),
 *             so the pages link the outbox of emails and SMS it caught
 */
@ConfigurationProperties("pulse.dashboards.features")
record FeaturesProperties(@DefaultValue("false") boolean demo) {
}
