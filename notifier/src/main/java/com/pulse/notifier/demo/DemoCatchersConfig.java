package com.pulse.notifier.demo;

import com.pulse.notifier.delivery.DeliveryClock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The demo's SMTP catcher and fake Twilio API; nothing of this exists unless the demo profile turns it on. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("pulse.notifier.demo.catchers.enabled")
class DemoCatchersConfig {

    @Bean
    SmtpCatcher smtpCatcher(DemoCatchersProperties properties) {
        return new SmtpCatcher(properties.host(), properties.smtpPort(), properties.keep());
    }

    @Bean
    SmsCatcher smsCatcher(DemoCatchersProperties properties, DeliveryClock clock) {
        return new SmsCatcher(properties.host(), properties.smsPort(), properties.keep(), clock.clock());
    }
}
