package com.pulse.clickhouse;

/**
 * Binds {@code ?} placeholders client-side, since 18.16 has no server-side query parameters.
 * A {@code ?} counts only outside string literals, quoted identifiers and comments; each one is
 * replaced by {@link SqlLiteral#of(Object)} of the next value. A count mismatch is refused.
 */
public final class SqlTemplate {

    private SqlTemplate() {
    }

    public static String bind(String sql, Object... params) {
        Object[] values = params == null ? new Object[0] : params;
        StringBuilder out = new StringBuilder(sql.length() + 16 * values.length);
        int next = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = endOfQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated comment in SQL");
                }
                out.append(sql, i, end + 2);
                i = end + 2;
            } else if (c == '?') {
                if (next >= values.length) {
                    throw new IllegalArgumentException("SQL has more ? placeholders than the " + values.length + " values given");
                }
                out.append(SqlLiteral.of(values[next++]));
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        if (next != values.length) {
            throw new IllegalArgumentException("SQL has " + next + " ? placeholders but " + values.length + " values were given");
        }
        return out.toString();
    }

    /** Index just past the closing quote; a backslash escapes the next character, a doubled quote is one quote. */
    private static int endOfQuoted(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        throw new IllegalArgumentException("unterminated " + quote + " quote in SQL");
    }
}
