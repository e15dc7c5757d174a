package com.pulse.streams.rebuild;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastSnapshot;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The months frozen before a rebuild whose end has not been processed yet, read from {@code forecast_snapshots} and
 * handed to the replay as a file ({@code pulse.streams.frozen-open}, see {@code ScopesTopology.FROZEN_OPEN_CONFIG}):
 * the replay's empty snapshot store learns them, so each gets its actual closedWon and error when its month ends.
 */
final class OpenFrozenMonths {

    // FINAL: an ended month has a later row with ended_at set, which must hide the frozen one. Decimals as text and
    // times as Unix seconds read the same on ClickHouse 18.16 and current releases; the month aliased first_day (18.16).
    static final String SQL = """
            SELECT scope_type, scope_id, toString(month) AS first_day, toUnixTimestamp(frozen_at) AS frozen_at_s,
                   toString(closed_won) AS closed_won, toString(pipeline) AS pipeline, toString(weighted) AS weighted,
                   toString(commit) AS commit, toString(best_case) AS best_case, toString(projected) AS projected,
                   toString(target) AS target
            FROM forecast_snapshots FINAL
            WHERE isNull(ended_at)
            ORDER BY scope_type, scope_id, first_day""";

    private OpenFrozenMonths() {
    }

    static List<ForecastSnapshot> read(ClickHouseSql clickHouse) {
        return clickHouse.query(SQL).stream().map(OpenFrozenMonths::snapshot).toList();
    }

    /** Writes them as a JSON array of {@link ForecastSnapshot} into a new file in {@code dir}. */
    static Path write(List<ForecastSnapshot> open, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = Files.createTempFile(dir, "frozen-open-", ".json");
        Files.write(file, EventJson.write(open));
        return file;
    }

    private static ForecastSnapshot snapshot(Map<String, Object> row) {
        String firstDay = String.valueOf(row.get("first_day"));
        return new ForecastSnapshot(String.valueOf(row.get("scope_type")), String.valueOf(row.get("scope_id")),
                firstDay.substring(0, 7), Instant.ofEpochSecond(Long.parseLong(String.valueOf(row.get("frozen_at_s")))),
                money(row, "closed_won"), money(row, "pipeline"), money(row, "weighted"), money(row, "commit"),
                money(row, "best_case"), money(row, "projected"), money(row, "target"), null, null, null);
    }

    private static BigDecimal money(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : new BigDecimal(String.valueOf(value));
    }
}
