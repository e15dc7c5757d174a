package com.pulse.notifier.masssend;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.mass-send.*}: how fast mass sends go out and how large one may be.
 *
 * @param emailPerSecond the pace of all mass emails together, across instances (a request may ask for slower)
 * @param smsPerSecond   the same for SMS (Twilio queues a sender's messages beyond its own rate; staying below it
 *                       keeps reminders, which share the sender, from waiting behind a campaign)
 * @param maxRecipients  the most contacts one mass send may select; more is 422, narrow the filter
 */
@ConfigurationProperties("pulse.notifier.mass-send")
public record MassSendProperties(
        @DefaultValue("50") double emailPerSecond,
        @DefaultValue("10") double smsPerSecond,
        @DefaultValue("20000") int maxRecipients) {

    public MassSendProperties {
        if (emailPerSecond <= 0 || smsPerSecond <= 0 || maxRecipients < 1) {
            throw new IllegalArgumentException("pulse.notifier.mass-send rates and max-recipients must be positive");
        }
    }

    double perSecond(String channel) {
        return "SMS".equals(channel) ? smsPerSecond : emailPerSecond;
    }
}
