package com.pulse.streams.sink;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A {@code crm.opportunities.v1} CloudEvent as an {@code opportunity_versions} row, one per (id, version). */
final class OpportunityVersionRows {

    static final String TABLE = "opportunity_versions";

    private OpportunityVersionRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record, Pipeline pipeline) {
        OpportunityChanged event = CloudEventCodec.decode(record.value(), OpportunityChanged.class);
        OpportunitySnapshot s = event.snapshot();
        if (s == null || s.id() == null || s.stage() == null || s.amount() == null || s.amountBase() == null
                || s.createdAt() == null || s.updatedAt() == null) {
            throw new IllegalArgumentException("opportunity snapshot misses a required field");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("version", event.aggregateVersion());
        row.put("event_id", event.eventId());
        row.put("operation", event.operation().name());
        row.put("actor", event.actor() == null ? "" : event.actor());
        row.put("occurred_at", event.occurredAt());
        row.put("account_id", s.accountId());
        row.put("owner_id", s.ownerId());
        row.put("name", s.name() == null ? "" : s.name());
        row.put("stage", s.stage());
        row.put("stage_order", pipeline.stage(s.stage()).map(st -> st.order()).orElse(0));
        row.put("amount", FunnelRows.money(s.amount()));
        row.put("currency", s.currency() == null ? "" : s.currency());
        row.put("amount_base", FunnelRows.money(s.amountBase()));
        row.put("probability", s.probability());
        row.put("forecast_category", s.forecastCategory() == null ? "" : s.forecastCategory());
        row.put("expected_close_date", s.expectedCloseDate());
        row.put("closed_at", s.closedAt());
        row.put("created_at", s.createdAt());
        row.put("updated_at", s.updatedAt());
        row.put("deleted", s.deleted() ? 1 : 0);
        return row;
    }
}
