package com.pulse.clickhouse.dualengine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Rows as comparable text, so the two engines' answers (and the rows a test inserted) compare by value.
 * What is normalised, and why:
 * <ul>
 *   <li>numbers by value: 18.16 prints Decimal with its scale ({@code 1.50}), 26.5 without trailing
 *       zeros ({@code 1.5}); 64-bit integers may arrive quoted ({@code "5"}) where a server still
 *       quotes them; so numbers and strings that are plain decimal numbers become one canonical form;</li>
 *   <li>date-times: {@code 'YYYY-MM-DD hh:mm:ss'}, the text both engines print; an {@link Instant} or a
 *       {@code …T…Z} text a test inserted is rewritten to it (a LocalDate's text already is a Date's);</li>
 *   <li>strings are quoted, so {@code null} stays distinct from {@code ''} and {@code 0}.</li>
 * </ul>
 */
public final class Cells {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Cells() {
    }

    /** Each row as column → canonical text, column and row order kept. */
    public static List<Map<String, String>> of(List<Map<String, Object>> rows) {
        List<Map<String, String>> cells = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, String> normalised = new LinkedHashMap<>();
            row.forEach((column, value) -> normalised.put(column, cell(value)));
            cells.add(normalised);
        }
        return cells;
    }

    /** Like {@link #of} with the rows sorted, for answers whose order the SQL does not fix. */
    public static List<Map<String, String>> sorted(List<Map<String, Object>> rows) {
        List<Map<String, String>> cells = of(rows);
        cells.sort(Comparator.comparing(Map::toString));
        return cells;
    }

    public static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Number n) {
            return number(new BigDecimal(n.toString()));
        }
        if (value instanceof Instant i) {
            return "'" + LocalDateTime.ofInstant(i, ZoneOffset.UTC).format(DATE_TIME) + "'";
        }
        if (value instanceof List<?> list) {
            StringJoiner joined = new StringJoiner(",", "[", "]");
            list.forEach(v -> joined.add(cell(v)));
            return joined.toString();
        }
        String s = value.toString();
        if (NUMBER.matcher(s).matches()) {
            return number(new BigDecimal(s));
        }
        if (ISO_INSTANT.matcher(s).matches()) {
            return cell(Instant.parse(s));
        }
        return "'" + s + "'";
    }

    private static String number(BigDecimal d) {
        return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    /** A readable dump for failure messages. */
    static String table(List<Map<String, String>> cells) {
        StringBuilder out = new StringBuilder();
        for (Map<String, String> row : cells) {
            String line = row.toString();
            out.append("  ").append(line.length() > 400 ? line.substring(0, 400) + "…" : line).append('\n');
        }
        return out.length() == 0 ? "  (no rows)\n" : out.toString();
    }
}
