package com.pulse.olap.query;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * A field of a drill-through record: its JSON name, the catalogue SQL yielding it (never user text) and how the
 * text ClickHouse answers becomes JSON. Times travel as {@code toUnixTimestamp} and money as {@code toString}, so
 * neither the server's time zone nor a float conversion can change them.
 */
public record RecordColumn(String name, String sql, Kind kind) {

    public enum Kind { TEXT, MONEY, INTEGER, DAY, INSTANT }

    Object value(Object raw) {
        if (raw == null) {
            return null;
        }
        String text = String.valueOf(raw);
        return switch (kind) {
            case TEXT, DAY -> text;
            case MONEY -> new BigDecimal(text).setScale(2, RoundingMode.HALF_UP);
            case INTEGER -> Long.parseLong(text);
            case INSTANT -> Instant.ofEpochSecond(Long.parseLong(text)).toString();
        };
    }

    static RecordColumn text(String name, String sql) {
        return new RecordColumn(name, sql, Kind.TEXT);
    }
}
