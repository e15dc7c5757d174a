package com.pulse.clickhouse.dualengine;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.clickhouse.SqlLiteral;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Insert rows made from a table's own column types (read with {@code DESCRIBE TABLE}), so a table a
 * new migration adds is covered without anyone writing rows for it. Values include each type's edges
 * (integer limits, the widest Decimal, Unix-epoch and 2038 date-times, every hostile string) and
 * differ in every column from row to row, so no ReplacingMergeTree key collapses two of them.
 * A type it does not know fails the test: teach it the type rather than skip the table.
 */
public final class SampleRows {

    private static final Pattern DECIMAL = Pattern.compile("Decimal(?:\\((\\d+),\\s*(\\d+)\\)|(32|64|128)\\((\\d+)\\))");
    private static final Pattern ENUM = Pattern.compile("Enum(?:8|16)\\((.*)\\)");
    private static final Pattern ENUM_NAME = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'\\s*=");
    private static final Pattern FIXED_STRING = Pattern.compile("FixedString\\((\\d+)\\)");
    private static final List<Instant> INSTANTS = List.of(
            Instant.parse("1970-01-01T00:00:01Z"), Instant.parse("2024-02-29T23:59:59Z"),
            Instant.parse("2038-01-19T03:14:08Z"), Instant.parse("2026-11-27T12:00:00Z"));
    private static final List<LocalDate> DATES = List.of(
            LocalDate.parse("1970-01-02"), LocalDate.parse("2024-02-29"), LocalDate.parse("2038-01-19"),
            LocalDate.parse("2026-12-31"));

    /** One column as {@code DESCRIBE TABLE} reports it. */
    public record Column(String name, String type) {
    }

    private SampleRows() {
    }

    /** Every table of the engine's current database, in name order. */
    public static List<String> tables(ClickHouseSql sql) {
        List<String> tables = new ArrayList<>();
        for (Map<String, Object> row : sql.query("SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
            tables.add((String) row.get("name"));
        }
        return tables;
    }

    public static List<Column> columns(ClickHouseSql sql, String table) {
        List<Column> columns = new ArrayList<>();
        for (Map<String, Object> row : sql.query("DESCRIBE TABLE " + SqlLiteral.identifier(table))) {
            columns.add(new Column((String) row.get("name"), (String) row.get("type")));
        }
        return columns;
    }

    /** As many rows as there are hostile strings, so each string column carries every one of them. */
    public static List<Map<String, Object>> forTable(ClickHouseSql sql, String table) {
        List<Column> columns = columns(sql, table);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < HostileStrings.ALL.size(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                Column column = columns.get(c);
                row.put(column.name(), value(table + "." + column.name(), column.type(), r, c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** A value of {@code type} for row {@code r}, column {@code c}. */
    static Object value(String where, String type, int r, int c) {
        if (type.startsWith("Nullable(")) {
            return r % 3 == 1 ? null : value(where, inner(type), r, c);
        }
        if (type.startsWith("LowCardinality(")) {
            return value(where, inner(type), r, c);
        }
        if (type.startsWith("Array(")) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < r % 3; i++) {
                list.add(value(where, inner(type), r + i, c));
            }
            return list;
        }
        if (type.equals("String")) {
            return HostileStrings.ALL.get((r + c) % HostileStrings.ALL.size());
        }
        Matcher fixed = FIXED_STRING.matcher(type);
        if (fixed.matches()) {
            String s = "r" + r + "c" + c + "xxxxxxxxxxxxxxxx";
            return s.substring(0, Math.min(s.length(), Integer.parseInt(fixed.group(1))));
        }
        if (type.equals("UUID")) {
            return r == 0 ? new UUID(0, 0) : UUID.nameUUIDFromBytes((where + "#" + r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (type.matches("U?Int(8|16|32|64|128|256)")) {
            return integer(type, r);
        }
        if (type.equals("Float32") || type.equals("Float64")) {
            return new BigDecimal(r == 0 ? "0" : (r % 2 == 0 ? "-" : "") + r + ".25");
        }
        Matcher decimal = DECIMAL.matcher(type);
        if (decimal.matches()) {
            int precision = decimal.group(1) != null ? Integer.parseInt(decimal.group(1))
                    : switch (decimal.group(3)) { case "32" -> 9; case "64" -> 18; default -> 38; };
            int scale = Integer.parseInt(decimal.group(1) != null ? decimal.group(2) : decimal.group(4));
            return decimal(precision, scale, r);
        }
        if (type.equals("Date")) {
            return DATES.get(r % DATES.size()).plusDays(r / DATES.size());
        }
        if (type.equals("DateTime") || type.startsWith("DateTime(")) {
            return INSTANTS.get(r % INSTANTS.size()).plusSeconds(r / INSTANTS.size());
        }
        Matcher enumeration = ENUM.matcher(type);
        if (enumeration.matches()) {
            List<String> names = new ArrayList<>();
            Matcher name = ENUM_NAME.matcher(enumeration.group(1));
            while (name.find()) {
                names.add(name.group(1));
            }
            return names.get(r % names.size());
        }
        throw new AssertionError("SampleRows cannot fill " + where + " of type " + type + ": teach it this type");
    }

    private static Object integer(String type, int r) {
        boolean signed = !type.startsWith("U");
        int bits = Integer.parseInt(type.substring(signed ? 3 : 4));
        BigInteger max = BigInteger.TWO.pow(signed ? bits - 1 : bits).subtract(BigInteger.ONE);
        BigInteger min = signed ? BigInteger.TWO.pow(bits - 1).negate() : BigInteger.ZERO;
        BigInteger v = switch (r) {
            case 0 -> min;
            case 1 -> max;
            default -> BigInteger.valueOf(r * 7L + (signed && r % 2 == 0 ? -100 : 3));
        };
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static BigDecimal decimal(int precision, int scale, int r) {
        BigDecimal widest = BigDecimal.TEN.pow(precision).subtract(BigDecimal.ONE).movePointLeft(scale);
        return switch (r) {
            case 0 -> BigDecimal.ZERO.setScale(scale);
            case 1 -> widest;
            case 2 -> widest.negate();
            default -> BigDecimal.valueOf((r % 2 == 0 ? -1L : 1L) * (r * 100_003L + 1), Math.min(scale, 2)).setScale(scale);
        };
    }

    private static String inner(String type) {
        return type.substring(type.indexOf('(') + 1, type.length() - 1);
    }
}
