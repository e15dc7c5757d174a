package com.pulse.olap.forecast;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the frozen month forecasts of a scope over a horizon from {@code forecast_snapshots}. */
@Component
class AccuracyReader {

    // FINAL: the ended row (actual and error) is written after the frozen one with a higher version.
    // Same conventions as ForecastReader: toDate of bound text, toString for decimals (NULL stays
    // NULL), toUnixTimestamp for times; the month's text aliased first_day, not month (18.16).
    static final String SQL = """
            SELECT toString(month) AS first_day, toUnixTimestamp(frozen_at) AS frozen_at_s,
                   toString(closed_won) AS closed_won, toString(pipeline) AS pipeline,
                   toString(weighted) AS weighted, toString(commit) AS commit,
                   toString(best_case) AS best_case, toString(projected) AS projected,
                   toString(target) AS target, toString(actual_closed_won) AS actual_closed_won,
                   toString(error) AS error, toUnixTimestamp(ended_at) AS ended_at_s
            FROM forecast_snapshots FINAL
            WHERE scope_type = ? AND scope_id = ? AND month >= toDate(?) AND month <= toDate(?)""";

    private final ClickHouseSql clickHouse;

    AccuracyReader(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    List<FrozenMonth> months(ForecastScope scope, ForecastHorizon horizon) {
        return clickHouse.query(SQL, ForecastReader.params(scope, horizon)).stream().map(AccuracyReader::frozen).toList();
    }

    private static FrozenMonth frozen(Map<String, Object> row) {
        return new FrozenMonth(
                YearMonth.from(LocalDate.parse(String.valueOf(row.get("first_day")))),
                time(row.get("frozen_at_s")),
                decimal(row.get("closed_won")), decimal(row.get("pipeline")), decimal(row.get("weighted")),
                decimal(row.get("commit")), decimal(row.get("best_case")), decimal(row.get("projected")),
                decimal(row.get("target")), decimal(row.get("actual_closed_won")), decimal(row.get("error")),
                time(row.get("ended_at_s")));
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value));
    }

    private static Instant time(Object value) {
        return value == null ? null : Instant.ofEpochSecond(Long.parseLong(String.valueOf(value)));
    }
}
