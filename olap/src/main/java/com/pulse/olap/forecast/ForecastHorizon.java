package com.pulse.olap.forecast;

import com.pulse.olap.system.InvalidParameter;
import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The calendar months a forecast covers: {@code months} consecutive months starting at {@code from}. */
record ForecastHorizon(YearMonth from, int months) {

    static final int DEFAULT_MONTHS = 6;
    static final int MAX_MONTHS = 24;

    // YearMonth.parse alone would also take signed and five-digit years
    private static final Pattern MONTH_TEXT = Pattern.compile("\\d{4}-\\d{2}");

    ForecastHorizon {
        if (months < 1 || months > MAX_MONTHS) {
            throw new IllegalArgumentException("months out of range: " + months);
        }
    }

    /** The horizon named by the optional {@code from} / {@code months} parameters; {@code from} defaults to {@code current}. */
    static ForecastHorizon of(String from, String months, YearMonth current) {
        return of(from, months, current, DEFAULT_MONTHS);
    }

    /** As {@link #of(String, String, YearMonth)} with other defaults: {@code defaultFrom}, {@code defaultMonths}. */
    static ForecastHorizon of(String from, String months, YearMonth defaultFrom, int defaultMonths) {
        return new ForecastHorizon(from == null ? defaultFrom : month(from), months == null ? defaultMonths : count(months));
    }

    YearMonth last() {
        return from.plusMonths(months - 1L);
    }

    List<YearMonth> list() {
        return IntStream.range(0, months).mapToObj(from::plusMonths).toList();
    }

    private static YearMonth month(String text) {
        if (MONTH_TEXT.matcher(text).matches()) {
            try {
                return YearMonth.parse(text);
            } catch (DateTimeException e) {
                // a month like 2026-13: answered below like any other bad text
            }
        }
        throw new InvalidParameter("from", text, List.of("a calendar month YYYY-MM"));
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_MONTHS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // not a number: answered below
        }
        throw new InvalidParameter("months", text, List.of("an integer from 1 to " + MAX_MONTHS));
    }
}
