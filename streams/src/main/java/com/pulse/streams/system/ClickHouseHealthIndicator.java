package com.pulse.streams.system;

import com.pulse.clickhouse.ClickHouseGateway;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** The sink cannot make progress without ClickHouse; show it in health rather than only in logs. */
@Component("clickhouse")
class ClickHouseHealthIndicator implements HealthIndicator {

    private final ClickHouseGateway gateway;

    ClickHouseHealthIndicator(ClickHouseGateway gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        Health.Builder health = gateway.ping() ? Health.up() : Health.down();
        return health.withDetail("url", gateway.settings().url()).withDetail("database", gateway.settings().database()).build();
    }
}
