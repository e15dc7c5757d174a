package com.pulse.streams.system;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    /** The schema is applied before anything writes: the sink's listener starts only after this bean exists. */
    @Bean(destroyMethod = "close")
    ClickHouseGateway clickHouseGateway(PulseProperties properties) {
        PulseProperties.Clickhouse ch = properties.clickhouse();
        ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseSettings(ch.url(), ch.database(), ch.user(), ch.password()));
        gateway.migrate();
        return gateway;
    }
}
