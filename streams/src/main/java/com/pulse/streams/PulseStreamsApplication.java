package com.pulse.streams;

import com.pulse.streams.rebuild.RebuildCommand;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Kafka Streams topologies and the ClickHouse sink; WebFlux only serves actuator health.
 * {@code rebuild} as first argument runs {@link RebuildCommand} instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseStreamsApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("rebuild")) {
            System.exit(RebuildCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(PulseStreamsApplication.class, args);
    }
}
