package com.pulse.notifier.custom;

import com.pulse.clickhouse.ClickHouseGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's read-only way to ClickHouse, for the rule types on olap's facts (summaries, targets at risk, custom
 * views). It never migrates (streams owns the schema); a server that is down makes such a firing log the try and run
 * again later (RuleFiring), nothing else.
 */
@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    @Bean(destroyMethod = "close")
    ClickHouseGateway notifierClickHouse(ClickHouseProperties properties) {
        return new ClickHouseGateway(properties.settings());
    }
}
