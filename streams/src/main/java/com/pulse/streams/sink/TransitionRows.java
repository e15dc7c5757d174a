package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.Pipeline;
import com.pulse.events.StageTransitioned;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code pulse.agg.transitions.v1} record as a {@code stage_transitions} row, one per (opportunity,
 * version): the aggregate version is the row's version, so a redelivered fact is the same row.
 */
final class TransitionRows {

    static final String TABLE = "stage_transitions";

    private TransitionRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record, Pipeline pipeline) {
        if (record.value() == null) {
            throw new IllegalArgumentException("stage transition without a value (tombstone)");
        }
        StageTransitioned t = EventJson.read(record.value(), StageTransitioned.class);
        if (t.opportunityId() == null || t.toStage() == null || t.at() == null || t.amountBase() == null) {
            throw new IllegalArgumentException("stage transition misses a field: " + t);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("opportunity_id", t.opportunityId());
        row.put("version", t.version());
        row.put("from_stage", t.fromStage());
        row.put("from_stage_order", t.fromStage() == null ? 0 : order(pipeline, t.fromStage()));
        row.put("to_stage", t.toStage());
        row.put("to_stage_order", order(pipeline, t.toStage()));
        row.put("at", t.at());
        row.put("amount_base", FunnelRows.money(t.amountBase()));
        row.put("owner_id", t.ownerId());
        return row;
    }

    private static int order(Pipeline pipeline, String stage) {
        return pipeline.stage(stage).map(s -> s.order()).orElse(0);
    }
}
