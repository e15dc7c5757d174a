package com.pulse.streams.system;

import com.pulse.clickhouse.ClickHouseException;
import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClickHouseConfig {

    private static final Logger log = LoggerFactory.getLogger(ClickHouseConfig.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

    /**
     * The schema is applied before anything writes: the sink's listener starts only after this bean
     * exists. ClickHouse may still be starting next to us (demo, compose), so wait for it a while.
     */
    @Bean(destroyMethod = "close")
    ClickHouseGateway clickHouseGateway(PulseProperties properties) throws InterruptedException {
        PulseProperties.Clickhouse ch = properties.clickhouse();
        ClickHouseGateway gateway = new ClickHouseGateway(new ClickHouseSettings(ch.url(), ch.database(), ch.user(), ch.password()));
        long deadline = System.nanoTime() + STARTUP_WAIT.toNanos();
        while (true) {
            try {
                gateway.migrate();
                return gateway;
            } catch (ClickHouseException e) {
                if (System.nanoTime() > deadline) {
                    gateway.close();
                    throw e;
                }
                log.warn("ClickHouse at {} not ready for migrations yet ({}); retrying", ch.url(), e.getMessage());
                Thread.sleep(1_000);
            }
        }
    }
}
