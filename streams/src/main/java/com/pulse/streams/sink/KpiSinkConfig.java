package com.pulse.streams.sink;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.streams.kpis.KpiTopics;
import com.pulse.streams.system.PulseProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

/** The KPI application's listener in the sink's consumer group (see {@link KpiSink}). */
@Configuration(proxyBeanMethods = false)
class KpiSinkConfig {

    @Bean
    KpiSink kpiSink(ClickHouseGateway gateway, KafkaTemplate<String, byte[]> sinkDeadLetters, KpiTopics kpiTopics, PulseProperties pulse) {
        return new KpiSink(gateway, sinkDeadLetters, kpiTopics, pulse.company().timeZone());
    }
}
