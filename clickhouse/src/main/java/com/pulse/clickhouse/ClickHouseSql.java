package com.pulse.clickhouse;

import java.util.List;
import java.util.Map;

/**
 * The small surface the rest of Pulse uses to talk SQL to a ClickHouse engine. The HTTP
 * {@link ClickHouseGateway} implements it; an in-process engine (chDB) can implement it too,
 * so the same DDL, inserts and queries run on both.
 *
 * <p>Contract every implementation keeps, whatever the server version:
 * <ul>
 *   <li>{@code ?} placeholders are bound by {@link SqlTemplate} (values rendered by {@link SqlLiteral});</li>
 *   <li>rows come back as JSON values: strings, {@link Long}/{@link java.math.BigInteger} for integers
 *       (64-bit ones unquoted), {@link java.math.BigDecimal} for Decimal and Float, lists for arrays and tuples,
 *       {@code null}; Date as {@code YYYY-MM-DD}, DateTime as {@code YYYY-MM-DD hh:mm:ss};</li>
 *   <li>insert rows are written as JSONEachRow: a Decimal value must not carry more fractional digits
 *       than its column's scale (18.16 rejects it), a DateTime value is {@code YYYY-MM-DD hh:mm:ss}.</li>
 * </ul>
 */
public interface ClickHouseSql {

    /** Runs a SELECT (without a FORMAT clause) and returns its rows in order, column order kept. */
    List<Map<String, Object>> query(String sql, Object... params);

    /** Runs a statement that returns no rows (DDL, ALTER, INSERT … SELECT). */
    void execute(String sql, Object... params);

    /** Inserts rows into a table of the configured database, as one JSONEachRow request. */
    void insertJsonEachRow(String table, List<Map<String, Object>> rows);
}
