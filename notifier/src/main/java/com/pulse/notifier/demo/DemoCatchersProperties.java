package com.pulse.notifier.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.demo.catchers.*}: the local stand-ins for the SMTP server and Twilio that the
 * {@code demo} profile turns on ({@code ./pulse demo}), so reminders can be watched arriving without any
 * provider account. The profile also points {@code spring.mail.*} and {@code pulse.notifier.sms.base-url}
 * at them.
 *
 * @param host     the address both listen on; loopback, so nothing outside the machine can send through them
 * @param smtpPort the SMTP catcher's port
 * @param smsPort  the port of the fake Twilio Messages API
 * @param keep     how many messages of each kind are kept (the oldest are dropped)
 */
@ConfigurationProperties("pulse.notifier.demo.catchers")
public record DemoCatchersProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("127.0.0.1") String host,
        @DefaultValue("38025") int smtpPort,
        @DefaultValue("38026") int smsPort,
        @DefaultValue("500") int keep) {
}
