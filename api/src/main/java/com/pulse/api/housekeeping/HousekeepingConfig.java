package com.pulse.api.housekeeping;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class HousekeepingConfig {

    @Bean
    Housekeeping housekeeping(DatabaseClient db, TransactionalOperator tx, HousekeepingProperties properties) {
        return new Housekeeping(db, tx, properties);
    }

    @Bean
    @ConditionalOnProperty(name = "pulse.api.housekeeping.enabled", matchIfMissing = true)
    HousekeepingSchedule housekeepingSchedule(Housekeeping housekeeping) {
        return new HousekeepingSchedule(housekeeping);
    }
}
