package com.pulse.notifier.delivery;

import com.pulse.notifier.delivery.email.EmailProperties;
import com.pulse.notifier.delivery.email.SmtpEmailSender;
import com.pulse.notifier.delivery.sms.SmsProperties;
import com.pulse.notifier.delivery.sms.TwilioSmsSender;
import com.pulse.notifier.delivery.template.Templates;
import com.pulse.notifier.inbox.AlertService;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** The delivery log's parts: templates, one sender per channel, the attempt and the dispatcher. */
@Configuration(proxyBeanMethods = false)
class DeliveryConfig {

    @Bean
    DeliveryClock deliveryClock() {
        return new DeliveryClock(Clock.systemUTC());
    }

    @Bean
    Templates deliveryTemplates(DeliveryProperties properties) {
        return new Templates(properties.defaultLocale());
    }

    @Bean
    InAppSender inAppSender(AlertService alerts) {
        return new InAppSender(alerts);
    }

    @Bean
    TwilioSmsSender twilioSmsSender(SmsProperties properties, DeliveryProperties delivery) {
        return new TwilioSmsSender(properties, delivery.threads());
    }

    @Bean
    SmtpEmailSender smtpEmailSender(ObjectProvider<JavaMailSender> mail, EmailProperties properties) {
        return new SmtpEmailSender(mail.getIfAvailable(), properties);
    }

    @Bean
    DeliveryAttempt deliveryAttempt(DeliveryRepository repository, Templates templates, List<ChannelSender> senders,
                                    DeliveryProperties properties, DeliveryClock clock) {
        Backoff backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff(),
                () -> ThreadLocalRandom.current().nextDouble());
        return new DeliveryAttempt(repository, templates, senders, backoff, properties.maxAttempts(), clock.clock());
    }

    @Bean
    DeliveryDispatcher deliveryDispatcher(DeliveryRepository repository, DeliveryAttempt attempt,
                                          DeliveryProperties properties, DeliveryClock clock) {
        return new DeliveryDispatcher(repository, attempt, properties, clock.clock());
    }
}
