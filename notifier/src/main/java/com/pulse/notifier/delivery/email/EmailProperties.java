package com.pulse.notifier.delivery.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.email.*}. The SMTP server itself is Spring Boot's {@code spring.mail.host},
 * {@code .port}, {@code .username}, {@code .password}, {@code .properties.*}; without {@code spring.mail.host}
 * there is no mail sender and the channel is disabled.
 *
 * @param from            the From address of every email
 * @param messageIdDomain the right-hand side of the Message-ID each delivery gets ({@code <delivery id@domain>})
 */
@ConfigurationProperties("pulse.notifier.email")
public record EmailProperties(
        @DefaultValue("Pulse <pulse@localhost>") String from,
        @DefaultValue("pulse.notifier") String messageIdDomain) {
}
