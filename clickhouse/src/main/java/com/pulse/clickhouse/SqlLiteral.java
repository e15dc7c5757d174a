package com.pulse.clickhouse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one place where a Java value becomes ClickHouse SQL text. Everything bound to a
 * {@code ?} goes through {@link #of(Object)}; table and database names go through
 * {@link #identifier(String)}, which accepts only plain names and never escapes.
 *
 * <p>The forms are chosen so the same SQL runs on 18.16 (no server-side parameters, no
 * {@code true}/{@code false} literals, no Float64 vs Decimal comparison) and on current releases.
 */
public final class SqlLiteral {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}(\\.[A-Za-z_][A-Za-z0-9_]{0,63})?");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SqlLiteral() {
    }

    /**
     * Renders a value as a SQL literal.
     * <ul>
     *   <li>{@code null} → {@code NULL}; booleans → {@code 1}/{@code 0};</li>
     *   <li>integers as digits; finite doubles/floats as plain decimals;</li>
     *   <li>{@link BigDecimal} → {@code toDecimal64('v', scale)} (Decimal128 when wider), because a bare
     *       {@code 1.5} is Float64 and 18.16 cannot compare it with a Decimal column;</li>
     *   <li>strings, enums, characters, UUIDs → quoted with backslash escapes;</li>
     *   <li>{@link LocalDate} → {@code 'YYYY-MM-DD'}; {@link Instant}, {@link LocalDateTime} (taken as UTC),
     *       offset/zoned date-times → {@code 'YYYY-MM-DD hh:mm:ss'} in UTC, seconds truncated;</li>
     *   <li>a non-empty collection or array → a tuple {@code (a, b, …)}, for {@code IN ?}.</li>
     * </ul>
     * Anything else is refused rather than rendered with {@code toString()}.
     */
    public static String of(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof CharSequence s) {
            return quote(s.toString());
        }
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return decimal(d);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("cannot bind a non-finite number: " + d);
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof UUID || value instanceof Character) {
            return quote(value.toString());
        }
        if (value instanceof Enum<?> e) {
            return quote(e.name());
        }
        if (value instanceof LocalDate d) {
            return quote(d.toString());
        }
        if (value instanceof Instant i) {
            return dateTime(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        }
        if (value instanceof LocalDateTime t) {
            return dateTime(t);
        }
        if (value instanceof OffsetDateTime t) {
            return of(t.toInstant());
        }
        if (value instanceof ZonedDateTime t) {
            return of(t.toInstant());
        }
        if (value instanceof Collection<?> c) {
            return tuple(c);
        }
        if (value instanceof Object[] a) {
            return tuple(java.util.Arrays.asList(a));
        }
        throw new IllegalArgumentException("cannot bind a value of type " + value.getClass().getName());
    }

    /** A string literal: {@code '} and {@code \} escaped with a backslash, control characters as escapes. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('\'');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\'' -> out.append("\\'");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\0' -> out.append("\\0");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /**
     * Checks that a table or database name is a plain identifier (optionally {@code db.table}) and
     * returns it unchanged. Names are never escaped: a name that needs escaping is a bug or an attack.
     */
    public static String identifier(String name) {
        if (name == null || !QUALIFIED.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain ClickHouse identifier: " + printable(name));
        }
        return name;
    }

    /** Like {@link #identifier(String)} but without a database qualifier. */
    public static String simpleIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain ClickHouse identifier: " + printable(name));
        }
        return name;
    }

    private static String decimal(BigDecimal d) {
        BigDecimal v = d.scale() < 0 ? d.setScale(0) : d;
        int digits = Math.max(v.precision(), v.scale());
        if (digits > 38) {
            throw new IllegalArgumentException("decimal wider than Decimal128: " + v.toPlainString());
        }
        return (digits <= 18 ? "toDecimal64" : "toDecimal128") + "('" + v.toPlainString() + "', " + v.scale() + ")";
    }

    private static String dateTime(LocalDateTime t) {
        return quote(t.truncatedTo(ChronoUnit.SECONDS).format(DATE_TIME));
    }

    private static String tuple(Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("cannot bind an empty collection: ClickHouse has no empty tuple; handle the empty case in the query");
        }
        StringJoiner joined = new StringJoiner(", ", "(", ")");
        for (Object v : values) {
            joined.add(of(v));
        }
        return joined.toString();
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() > 80 ? quote(s.substring(0, 80)) + "…" : quote(s);
    }
}
