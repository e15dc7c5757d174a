package com.pulse.olap;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Analytical reads over the ClickHouse facts: the cockpit's figures now, pivots later. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseOlapApplication {

    public static void main(String[] args) {
        SpringApplication.run(PulseOlapApplication.class, args);
    }
}
