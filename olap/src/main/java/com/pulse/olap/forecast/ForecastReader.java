package com.pulse.olap.forecast;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the stored forecast cells of a scope over a horizon from {@code forecast_cells}. */
@Component
class ForecastReader {

    // FINAL for the same reason as the funnel: the sink appends a row per change of a cell
    // (version = offset of the aggregate record) and only FINAL reliably keeps the latest one.
    // Months are bound as 'YYYY-MM-DD' text and turned into Date by toDate on the server, which
    // both 18.16 and current releases accept. Money goes through toString (exact decimal text) and
    // changed_at through toUnixTimestamp, so neither JSON numbers nor a server time zone shift it.
    // The month's text gets its own alias: an alias named month would shadow the Date column in
    // WHERE on 18.16 (String compared with Date, refused). toString of a NULL target/ratio is NULL on
    // both engines, read as null.
    static final String SQL = """
            SELECT toString(month) AS first_day,
                   toString(closed_won) AS closed_won, toString(pipeline) AS pipeline,
                   toString(weighted) AS weighted, toString(commit) AS commit,
                   toString(best_case) AS best_case, toString(projected) AS projected,
                   toString(target) AS target, toString(attainment) AS attainment,
                   toString(gap) AS gap, toString(coverage) AS coverage, overdue_count,
                   toUnixTimestamp(changed_at) AS changed_at
            FROM forecast_cells FINAL
            WHERE scope_type = ? AND scope_id = ? AND month >= toDate(?) AND month <= toDate(?)""";

    private final ClickHouseSql clickHouse;

    ForecastReader(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    List<ForecastCell> cells(ForecastScope scope, ForecastHorizon horizon) {
        return clickHouse.query(SQL, params(scope, horizon)).stream().map(ForecastReader::cell).toList();
    }

    static Object[] params(ForecastScope scope, ForecastHorizon horizon) {
        return new Object[] {scope.type(), scope.id(),
                horizon.from().atDay(1).toString(), horizon.last().atDay(1).toString()};
    }

    private static ForecastCell cell(Map<String, Object> row) {
        return new ForecastCell(
                YearMonth.from(LocalDate.parse(String.valueOf(row.get("first_day")))),
                money(row, "closed_won"), money(row, "pipeline"), money(row, "weighted"),
                money(row, "commit"), money(row, "best_case"), money(row, "projected"),
                optional(row, "target"), optional(row, "attainment"), optional(row, "gap"), optional(row, "coverage"),
                Long.parseLong(String.valueOf(row.get("overdue_count"))),
                Instant.ofEpochSecond(Long.parseLong(String.valueOf(row.get("changed_at")))));
    }

    private static BigDecimal money(Map<String, Object> row, String column) {
        return new BigDecimal(String.valueOf(row.get(column)));
    }

    private static BigDecimal optional(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : new BigDecimal(String.valueOf(value));
    }
}
