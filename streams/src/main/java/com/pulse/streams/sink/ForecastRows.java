package com.pulse.streams.sink;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A {@code pulse.agg.forecast.v1} record as a {@code forecast_month} row (month = its first day). The
 * version is the record's offset, as for funnel cells: per cell key offsets only grow, and a retried or
 * replayed batch writes the same versions again.
 */
final class ForecastRows {

    static final String TABLE = "forecast_month";
    /** The same cell with targets and overdue deals (V005); forecast_month keeps its columns for existing readers. */
    static final String CELLS_TABLE = "forecast_cells";

    private ForecastRows() {
    }

    static Map<String, Object> row(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("forecast cell without a value (tombstone)");
        }
        ForecastChanged c = EventJson.read(record.value(), ForecastChanged.class);
        if (c.scopeType() == null || c.scopeId() == null || c.month() == null || c.at() == null
                || Stream.of(c.closedWon(), c.pipeline(), c.weighted(), c.commit(), c.bestCase(), c.projected()).anyMatch(v -> v == null)) {
            throw new IllegalArgumentException("forecast cell misses a field: " + c);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scope_type", c.scopeType());
        row.put("scope_id", c.scopeId());
        row.put("month", YearMonth.parse(c.month()).atDay(1));
        row.put("closed_won", money(c.closedWon()));
        row.put("pipeline", money(c.pipeline()));
        row.put("weighted", money(c.weighted()));
        row.put("commit", money(c.commit()));
        row.put("best_case", money(c.bestCase()));
        row.put("projected", money(c.projected()));
        row.put("changed_at", c.at());
        row.put("version", record.offset());
        return row;
    }

    /** The {@code forecast_cells} row: the forecast_month row plus target, attainment, gap, coverage and overdue_count. */
    static Map<String, Object> cellsRow(ConsumerRecord<String, byte[]> record) {
        Map<String, Object> row = row(record);
        ForecastChanged c = EventJson.read(record.value(), ForecastChanged.class);
        Map<String, Object> cells = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (!column.equals("changed_at") && !column.equals("version")) {
                cells.put(column, value);
            }
        });
        cells.put("target", c.target() == null ? null : money(c.target()));
        cells.put("attainment", c.attainment());
        cells.put("gap", c.gap() == null ? null : money(c.gap()));
        cells.put("coverage", c.coverage());
        cells.put("overdue_count", c.overdueCount());
        cells.put("changed_at", row.get("changed_at"));
        cells.put("version", row.get("version"));
        return cells;
    }

    private static BigDecimal money(BigDecimal value) {
        return FunnelRows.money(value);
    }
}
