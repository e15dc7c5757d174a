package com.pulse.notifier.delivery;

import java.time.Instant;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts the delivery log on a {@link MutableClock}; import it and autowire the clock to move it. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDeliveryClock {

    @Bean
    MutableClock mutableClock() {
        return new MutableClock(Instant.now());
    }

    @Bean
    @Primary
    DeliveryClock testDeliveryClock(MutableClock clock) {
        return new DeliveryClock(clock);
    }
}
