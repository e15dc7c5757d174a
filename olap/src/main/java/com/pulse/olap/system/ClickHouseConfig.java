package com.pulse.olap.system;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSql;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    @Bean
    ClickHouseGateway clickHouseGateway(ClickHouseProperties properties) {
        return new ClickHouseGateway(properties.settings());
    }

    /** What readers use: the gateway, behind a check that the schema is in place. */
    @Bean
    @Primary
    SchemaReadyClickHouse schemaReadyClickHouse(ClickHouseGateway gateway) {
        return new SchemaReadyClickHouse(gateway);
    }
}
