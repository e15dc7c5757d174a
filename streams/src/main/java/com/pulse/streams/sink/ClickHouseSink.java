package com.pulse.streams.sink;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.events.Pipeline;
import com.pulse.streams.TopicNames;
import com.pulse.streams.funnel.FunnelTopology;
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
 * Writes each polled batch into ClickHouse: funnel cells into {@code funnel_snapshot}, opportunity
 * events into {@code opportunity_versions}, stage transitions into {@code stage_transitions}, forecast
 * cells into {@code forecast_month} and {@code forecast_cells}, frozen months into {@code forecast_snapshots}, opportunity
 * facts with their dimensions into {@code opportunities}. The container commits the batch's offsets only after this
 * method returns, i.e. after ClickHouse accepted every insert; if an insert fails the method throws and
 * the same batch is retried with back-off (see {@link SinkConfig}). Every table is a ReplacingMergeTree
 * keyed by a version that a retry reproduces, so a batch written twice reads the same under FINAL.
 * A record that cannot be converted is dead-lettered (synchronously, before the commit) and skipped.
 */
class ClickHouseSink {

    static final String CONSUMER = "pulse-clickhouse-sink";
    private static final Logger log = LoggerFactory.getLogger(ClickHouseSink.class);

    private final ClickHouseSql clickHouse;
    private final SinkDeadLetter deadLetter;
    private final TopicNames topics;
    private final Pipeline pipeline = Pipeline.DEFAULT;
    private final ZoneId zone;

    ClickHouseSink(ClickHouseSql clickHouse, KafkaTemplate<String, byte[]> dlq, TopicNames topics) {
        this(clickHouse, dlq, topics, FunnelTopology.DEFAULT_ZONE);
    }

    /** @param zone the company time zone: the months of an opportunity's instants */
    ClickHouseSink(ClickHouseSql clickHouse, KafkaTemplate<String, byte[]> dlq, TopicNames topics, ZoneId zone) {
        this.clickHouse = clickHouse;
        this.deadLetter = new SinkDeadLetter(dlq, topics.dlq());
        this.topics = topics;
        this.zone = zone;
    }

    @KafkaListener(id = "clickhouse-sink", groupId = "#{@sinkGroupId}", containerFactory = "sinkContainerFactory",
            topics = {"#{@topicNames.aggFunnel()}", "#{@topicNames.opportunities()}", "#{@topicNames.aggTransitions()}",
                    "#{@topicNames.aggForecast()}", "#{@topicNames.aggForecastSnapshots()}", "#{@topicNames.aggOpportunities()}"}, batch = "true")
    void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        List<Map<String, Object>> funnel = new ArrayList<>();
        List<Map<String, Object>> versions = new ArrayList<>();
        List<Map<String, Object>> transitions = new ArrayList<>();
        List<Map<String, Object>> forecast = new ArrayList<>();
        List<Map<String, Object>> forecastCells = new ArrayList<>();
        List<Map<String, Object>> snapshots = new ArrayList<>();
        List<Map<String, Object>> facts = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (record.topic().equals(topics.aggFunnel())) {
                    funnel.add(FunnelRows.row(record, pipeline));
                } else if (record.topic().equals(topics.aggTransitions())) {
                    transitions.add(TransitionRows.row(record, pipeline));
                } else if (record.topic().equals(topics.aggForecast())) {
                    Map<String, Object> row = ForecastRows.row(record);
                    forecastCells.add(ForecastRows.cellsRow(record));
                    forecast.add(row);
                } else if (record.topic().equals(topics.aggOpportunities())) {
                    facts.add(OpportunityFactRows.row(record, pipeline, zone));
                } else if (record.topic().equals(topics.aggForecastSnapshots())) {
                    snapshots.add(ForecastSnapshotRows.row(record));
                } else {
                    versions.add(OpportunityVersionRows.row(record, pipeline));
                }
            } catch (RuntimeException e) {
                deadLetter.send(record, e);
            }
        }
        long started = System.nanoTime();
        try {
            clickHouse.insertJsonEachRow(FunnelRows.TABLE, funnel);
            clickHouse.insertJsonEachRow(OpportunityVersionRows.TABLE, versions);
            clickHouse.insertJsonEachRow(TransitionRows.TABLE, transitions);
            clickHouse.insertJsonEachRow(ForecastRows.TABLE, forecast);
            clickHouse.insertJsonEachRow(ForecastRows.CELLS_TABLE, forecastCells);
            clickHouse.insertJsonEachRow(ForecastSnapshotRows.TABLE, snapshots);
            clickHouse.insertJsonEachRow(OpportunityFactRows.TABLE, facts);
        } catch (RuntimeException e) {
            // Thrown on purpose: the container keeps the offsets and retries this batch with back-off.
            log.warn("ClickHouse did not accept a batch of {} records; it will be retried: {}", records.size(), e.getMessage());
            throw e;
        }
        log.debug("inserted {} funnel, {} version, {} transition, {} forecast and {} snapshot rows in {} ms", funnel.size(), versions.size(),
                transitions.size(), forecast.size(), snapshots.size(), (System.nanoTime() - started) / 1_000_000);
    }
}
