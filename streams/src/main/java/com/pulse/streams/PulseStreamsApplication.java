package com.pulse.streams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Kafka Streams funnel topology and the ClickHouse sink; WebFlux only serves actuator health. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseStreamsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PulseStreamsApplication.class, args);
    }
}
