package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Pipeline;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code pulse.agg.funnel.v1} record as a {@code funnel_snapshot} row. The version is the
 * record's offset: per cell key (one partition) offsets only grow, so the latest message wins under
 * FINAL, and a retried or replayed batch writes the very same versions again.
 */
final class FunnelRows {

    static final String TABLE = "funnel_snapshot";

    private FunnelRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record, Pipeline pipeline) {
        if (record.value() == null) {
            throw new IllegalArgumentException("funnel cell without a value (tombstone)");
        }
        FunnelChanged cell = EventJson.read(record.value(), FunnelChanged.class);
        if (cell.scopeType() == null || cell.scopeId() == null || cell.stage() == null || cell.amount() == null
                || cell.weighted() == null || cell.at() == null) {
            throw new IllegalArgumentException("funnel cell misses a field: " + cell);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", cell.scopeType());
        row.put("scope_id", cell.scopeId());
        row.put("stage", cell.stage());
        row.put("stage_order", pipeline.stage(cell.stage()).map(s -> s.order()).orElse(0));
        row.put("count", cell.count());
        row.put("amount", money(cell.amount()));
        row.put("weighted", money(cell.weighted()));
        row.put("changed_at", cell.at());
        row.put("version", record.offset());
        return row;
    }

    /** Decimal(18, 2): 18.16 refuses more fractional digits than the column's scale. */
    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
