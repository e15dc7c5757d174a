package com.pulse.api.exchange;

/**
 * Formula injection: a cell starting with = + - or @ (or a tab / carriage return that Excel skips)
 * is run as a formula by spreadsheets. Exports prefix such cells with {@code '}, which Excel shows
 * as text; imports strip that prefix again, so an export imports back unchanged.
 */
final class Formulas {

    private Formulas() {
    }

    static boolean risky(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }

    static String defuse(String cell) {
        return risky(cell) ? "'" + cell : cell;
    }

    /** The stored text of an imported cell: a defused export cell loses its {@code '}. */
    static String restore(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && risky(cell.substring(1)) ? cell.substring(1) : cell;
    }

    /** A raw formula in an import ({@code =…} or {@code @…}) is refused rather than stored for the next export to defuse. */
    static boolean formula(String cell) {
        return !cell.isEmpty() && (cell.charAt(0) == '=' || cell.charAt(0) == '@');
    }
}
