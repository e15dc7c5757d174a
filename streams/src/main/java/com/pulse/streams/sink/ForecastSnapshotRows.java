package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastSnapshot;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code pulse.agg.forecast-snapshots.v1} record as a {@code forecast_snapshots} row (month = its first day).
 * version = the record's offset: the row written when the month ended comes later on the same key, so it wins.
 */
final class ForecastSnapshotRows {

    static final String TABLE = "forecast_snapshots";

    private ForecastSnapshotRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("forecast snapshot without a value (tombstone)");
        }
        ForecastSnapshot s = EventJson.read(record.value(), ForecastSnapshot.class);
        if (s.scopeType() == null || s.scopeId() == null || s.month() == null || s.frozenAt() == null
                || Stream.of(s.closedWon(), s.pipeline(), s.weighted(), s.commit(), s.bestCase(), s.projected()).anyMatch(v -> v == null)) {
            throw new IllegalArgumentException("forecast snapshot misses a field: " + s);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", s.scopeType());
        row.put("scope_id", s.scopeId());
        row.put("month", YearMonth.parse(s.month()).atDay(1));
        row.put("frozen_at", s.frozenAt());
        row.put("closed_won", FunnelRows.money(s.closedWon()));
        row.put("pipeline", FunnelRows.money(s.pipeline()));
        row.put("weighted", FunnelRows.money(s.weighted()));
        row.put("commit", FunnelRows.money(s.commit()));
        row.put("best_case", FunnelRows.money(s.bestCase()));
        row.put("projected", FunnelRows.money(s.projected()));
        row.put("target", s.target() == null ? null : FunnelRows.money(s.target()));
        row.put("actual_closed_won", s.actualClosedWon() == null ? null : FunnelRows.money(s.actualClosedWon()));
        row.put("error", s.error());
        row.put("ended_at", s.endedAt());
        row.put("version", record.offset());
        return row;
    }
}
