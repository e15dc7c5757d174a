package com.pulse.notifier;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Pushes live changes to browsers over STOMP; later also reminders by SMS and email. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseNotifierApplication {

    public static void main(String[] args) {
        SpringApplication.run(PulseNotifierApplication.class, args);
    }
}
