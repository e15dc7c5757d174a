package com.pulse.streams.sink;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.events.KpiChanged;
import com.pulse.streams.kpis.KpiTopics;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The sink's listener for the KPI application's outputs and the targets: KPIs into {@code kpis} and
 * {@code kpi_targets}, lead and activity facts into {@code leads} and {@code activities}, target snapshots into
 * {@code targets}. Same consumer group, container factory (read_committed, batches by size and time, offsets committed
 * after ClickHouse accepted the batch, retry with back-off for ever) and dead-lettering as {@link ClickHouseSink}; a
 * listener of its own only so that the two can grow without editing each other.
 */
class KpiSink {

    private static final Logger log = LoggerFactory.getLogger(KpiSink.class);

    private final ClickHouseSql clickHouse;
    private final SinkDeadLetter deadLetter;
    private final KpiTopics topics;
    private final ZoneId zone;

    KpiSink(ClickHouseSql clickHouse, KafkaTemplate<String, byte[]> dlq, KpiTopics topics, ZoneId zone) {
        this.clickHouse = clickHouse;
        this.deadLetter = new SinkDeadLetter(dlq, topics.dlq());
        this.topics = topics;
        this.zone = zone;
    }

    @KafkaListener(id = "clickhouse-kpi-sink", groupId = "#{@sinkGroupId}", containerFactory = "sinkContainerFactory",
            topics = {"#{@kpiTopics.aggKpis()}", "#{@kpiTopics.aggLeads()}", "#{@kpiTopics.aggActivities()}", "#{@kpiTopics.targets()}"},
            batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Map<String, Object>> kpis = new ArrayList<>();
        List<Map<String, Object>> kpiTargets = new ArrayList<>();
        List<Map<String, Object>> leads = new ArrayList<>();
        List<Map<String, Object>> activities = new ArrayList<>();
        List<Map<String, Object>> targets = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.topic().equals(topics.aggKpis())) {
                    KpiChanged k = KpiRows.read(record.value());
                    Map<String, Object> row = KpiRows.row(k, record.offset());
                    kpiTargets.addAll(KpiRows.targetRows(k, record.offset()));
                    kpis.add(row);
                } else if (record.topic().equals(topics.aggLeads())) {
                    leads.add(FactRows.lead(record.value(), zone));
                } else if (record.topic().equals(topics.aggActivities())) {
                    activities.add(FactRows.activity(record.value(), zone));
                } else {
                    targets.add(FactRows.target(record.value()));
                }
            } catch (RuntimeException e) {
                deadLetter.send(record, e);
            }
        }
        try {
            clickHouse.insertJsonEachRow(KpiRows.TABLE, kpis);
            clickHouse.insertJsonEachRow(KpiRows.TARGETS_TABLE, kpiTargets);
            clickHouse.insertJsonEachRow(FactRows.LEADS, leads);
            clickHouse.insertJsonEachRow(FactRows.ACTIVITIES, activities);
            clickHouse.insertJsonEachRow(FactRows.TARGETS, targets);
        } catch (RuntimeException e) {
            // Thrown on purpose: the container keeps the offsets and retries this batch with back-off.
            log.warn("ClickHouse did not accept a batch of {} KPI/fact records; it will be retried: {}", records.size(), e.getMessage());
            throw e;
        }
    }
}
