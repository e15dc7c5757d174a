package com.pulse.olap.export;

/**
 * Text a spreadsheet would run as a formula when it opens a CSV file (or when a cell is edited): anything starting
 * with {@code = + - @}, a tab or a carriage return (OWASP "CSV injection"). Member labels are data anybody with write
 * access to a deal can set, so an export must not hand them to Excel as formulas.
 */
final class Formulas {

    private Formulas() {
    }

    static boolean risky(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    /** The text with a single quote in front when it is {@link #risky}: Excel shows it as text. */
    static String defuse(String text) {
        return risky(text) ? "'" + text : text;
    }
}
