package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.OpportunityFact;
import com.pulse.events.Pipeline;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code pulse.agg.opportunities.v1} record as an {@code opportunities} row: version = the aggregate version (the
 * newest wins under FINAL, a redelivery is the same row); the team path department first; unknown dimensions
 * '(none)'; months (first days) of created, expected close and closed, instants in the company time zone.
 */
final class OpportunityFactRows {

    static final String TABLE = "opportunities";
    static final String NONE = "(none)";

    private OpportunityFactRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record, Pipeline pipeline, ZoneId zone) {
        if (record.value() == null) {
            throw new IllegalArgumentException("opportunity fact without a value (tombstone)");
        }
        OpportunityFact f = EventJson.read(record.value(), OpportunityFact.class);
        if (f.opportunityId() == null || f.stage() == null || f.amountBase() == null || f.createdAt() == null || f.updatedAt() == null) {
            throw new IllegalArgumentException("opportunity fact misses a field: " + f);
        }
        java.util.List<UUID> path = new java.util.ArrayList<>(f.teamPath());
        java.util.Collections.reverse(path);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", f.opportunityId());
        row.put("version", f.version());
        row.put("owner_id", f.ownerId());
        row.put("team_id", f.teamId());
        row.put("team_path", path.stream().map(UUID::toString).collect(Collectors.joining("/")));
        row.put("account_id", f.accountId());
        row.put("industry", orNone(f.industry()));
        row.put("region", orNone(f.region()));
        row.put("tier", orNone(f.tier()));
        row.put("stage", f.stage());
        row.put("stage_order", pipeline.stage(f.stage()).map(s -> s.order()).orElse(0));
        row.put("amount_base", FunnelRows.money(f.amountBase()));
        row.put("probability", f.probability());
        row.put("forecast_category", f.forecastCategory() == null ? "" : f.forecastCategory());
        row.put("expected_close_date", f.expectedCloseDate());
        row.put("closed_at", f.closedAt());
        row.put("created_at", f.createdAt());
        row.put("updated_at", f.updatedAt());
        row.put("deleted", f.deleted() ? 1 : 0);
        row.put("created_month", YearMonth.from(f.createdAt().atZone(zone)).atDay(1));
        row.put("expected_close_month", f.expectedCloseDate() == null ? null : YearMonth.from(f.expectedCloseDate()).atDay(1));
        row.put("closed_month", f.closedAt() == null ? null : YearMonth.from(f.closedAt().atZone(zone)).atDay(1));
        return row;
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }
}
