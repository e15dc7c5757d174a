package com.pulse.olap.funnel;

import com.pulse.clickhouse.ClickHouseSql;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the stored funnel cells of a scope from {@code funnel_snapshot}. */
@Component
class FunnelReader {

    // FINAL: the sink appends a new row per change (version = offset of the aggregate record),
    // and ReplacingMergeTree keeps only the highest version once parts merge. Until then FINAL
    // collapses at read time, so a cell is never counted twice or read at an older version.
    // Money goes through toString and the timestamp through toUnixTimestamp so that neither
    // JSON number precision nor the server's time zone can change what we read.
    static final String SQL = """
            SELECT stage, count, toString(amount) AS amount, toString(weighted) AS weighted,
                   toUnixTimestamp(changed_at) AS changed_at
            FROM funnel_snapshot FINAL
            WHERE scope_type = ? AND scope_id = ?""";

    private final ClickHouseSql clickHouse;

    FunnelReader(ClickHouseSql clickHouse) {
        this.clickHouse = clickHouse;
    }

    List<FunnelCell> cells(FunnelScope scope) {
        return clickHouse.query(SQL, scope.type(), scope.id()).stream().map(FunnelReader::cell).toList();
    }

    private static FunnelCell cell(Map<String, Object> row) {
        return new FunnelCell(
                (String) row.get("stage"),
                Long.parseLong(String.valueOf(row.get("count"))),
                new BigDecimal(String.valueOf(row.get("amount"))),
                new BigDecimal(String.valueOf(row.get("weighted"))),
                Instant.ofEpochSecond(Long.parseLong(String.valueOf(row.get("changed_at")))));
    }
}
