package com.pulse.olap.query;

import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The calendar grain of a date dimension, and how its members are written ({@code 2026-10-05} for a day,
 * {@code 2026-10-05} — its Monday — for a week, {@code 2026-10}, {@code 2026-Q4}, {@code 2026}). Members of one
 * grain sort as text in calendar order, and {@link #next} walks the calendar, so a pivot can list every period
 * between its first and last one (empty ones as zero).
 */
public enum TimeGrain {
    DAY(Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])")),
    WEEK(Pattern.compile("\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])")),
    MONTH(Pattern.compile("\\d{4}-(0[1-9]|1[0-2])")),
    QUARTER(Pattern.compile("\\d{4}-Q[1-4]")),
    YEAR(Pattern.compile("\\d{4}"));

    private final Pattern member;

    TimeGrain(Pattern member) {
        this.member = member;
    }

    /** Whether a member is a period of this grain (the null member {@code (none)} is not). */
    public boolean isPeriod(String text) {
        return text != null && member.matcher(text).matches();
    }

    /** The period after {@code period}. */
    public String next(String period) {
        int year = Integer.parseInt(period.substring(0, 4));
        return switch (this) {
            case DAY -> LocalDate.parse(period).plusDays(1).toString();
            case WEEK -> LocalDate.parse(period).plusWeeks(1).toString();
            case MONTH -> {
                int month = Integer.parseInt(period.substring(5, 7));
                yield month == 12 ? String.format("%04d-01", year + 1) : String.format("%04d-%02d", year, month + 1);
            }
            case QUARTER -> {
                int quarter = period.charAt(6) - '0';
                yield quarter == 4 ? String.format("%04d-Q1", year + 1) : String.format("%04d-Q%d", year, quarter + 1);
            }
            case YEAR -> String.format("%04d", year + 1);
        };
    }

    /**
     * The SQL of a member of this grain from a {@code Nullable(Date)} or {@code Date} expression ({@code (none)}
     * when NULL). A month column (the first day of the company's month, as streams fills {@code created_month}) gives
     * the month, quarter and year; a day expression every grain. Written once for both engines: 18.16 and 26.5 print
     * the same.
     */
    String memberSql(String date) {
        return switch (this) {
            case DAY -> "ifNull(toString(" + date + "), '" + Dimension.NONE + "')";
            case WEEK -> "ifNull(toString(toMonday(" + date + ")), '" + Dimension.NONE + "')";
            case MONTH -> "ifNull(substring(toString(" + date + "), 1, 7), '" + Dimension.NONE + "')";
            case QUARTER -> "ifNull(concat(toString(toYear(" + date + ")), '-Q', toString(toQuarter("
                    + date + "))), '" + Dimension.NONE + "')";
            case YEAR -> "ifNull(toString(toYear(" + date + ")), '" + Dimension.NONE + "')";
        };
    }
}
