package com.pulse.notifier.delivery.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pulse.notifier.email.*}. The SMTP server itself is Spring Boot's {@code spring.mail.host},
 * {@code .port}, {@code .username}, {@code .password}, {@code .properties.*}; without {@code spring.mail.host}
 * there is no mail sender and the channel is disabled.
 *
 * @param from            the From address of every email
 * @param messageIdDomain the right-hand side of the Message-ID each delivery gets ({@code <delivery id@domain>})
 * @param reuseConnections whether each sending thread keeps its SMTP connection open for its next email
 * @param connectionMaxIdle a kept connection unused for longer is closed and a new one opened
 */
@ConfigurationProperties("pulse.notifier.email")
public record EmailProperties(
        @DefaultValue("Pulse <pulse@localhost>") String from,
        @DefaultValue("pulse.notifier") String messageIdDomain,
        @DefaultValue("true") boolean reuseConnections,
        @DefaultValue("10s") Duration connectionMaxIdle) {
}
