package com.pulse.notifier.custom;

import com.pulse.clickhouse.ClickHouseGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's read-only way to ClickHouse, for custom rules. It never migrates (streams owns the schema); a
 * server that is down makes a custom rule's firing fail and Quartz's recovery run it again, nothing else.
 */
@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    @Bean(destroyMethod = "close")
    ClickHouseGateway notifierClickHouse(ClickHouseProperties properties) {
        return new ClickHouseGateway(properties.settings());
    }
}
