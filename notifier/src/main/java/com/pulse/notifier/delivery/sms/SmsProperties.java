package com.pulse.notifier.delivery.sms;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.sms.*}: the Twilio account SMS is sent from. No defaults for the credentials and
 * nothing in the repository: they come from the environment ({@code PULSE_NOTIFIER_SMS_ACCOUNTSID},
 * {@code _AUTHTOKEN}, {@code _FROM}). Any of the three empty disables the channel.
 *
 * @param baseUrl where Twilio's REST API is; a local fake (tests, {@code ./pulse demo}) by changing only this
 */
@ConfigurationProperties("pulse.notifier.sms")
public record SmsProperties(
        @DefaultValue("") String accountSid,
        @DefaultValue("") String authToken,
        @DefaultValue("") String from,
        @DefaultValue("https://api.twilio.com") String baseUrl) {

    boolean configured() {
        return !accountSid.isBlank() && !authToken.isBlank() && !from.isBlank();
    }
}
