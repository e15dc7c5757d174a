package com.pulse.dashboards;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The edge of Pulse: routes /api, /olap and /ws to the services and serves the cockpit. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PulseDashboardsApplication {

    public static void main(String[] args) {
        SpringApplication.run(PulseDashboardsApplication.class, args);
    }
}
