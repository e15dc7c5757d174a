package com.pulse.olap.funnel;

import com.pulse.olap.system.InvalidParameter;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The period [from, to) of a flow funnel: dates in the company time zone, so a day starts at the
 * company's midnight; {@link #start()} and {@link #end()} are those midnights in UTC, as ClickHouse stores times.
 */
record FlowPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    static final int DEFAULT_DAYS = 90;
    static final int MAX_YEARS = 3;

    // LocalDate.parse alone would also take signed and five-digit years
    private static final Pattern DATE_TEXT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    FlowPeriod {
        if (!from.isBefore(to) || from.isBefore(to.minusYears(MAX_YEARS))) {
            throw new IllegalArgumentException("not a period: " + from + " to " + to);
        }
    }

    /**
     * The period named by the optional {@code from} / {@code to} parameters: {@code to} defaults to tomorrow
     * (today included), {@code from} to 90 days before {@code to}. Bad dates, an empty period or one longer
     * than three years are a 400 naming the parameter.
     */
    static FlowPeriod of(String fromText, String toText, LocalDate today, ZoneId zone) {
        LocalDate to = toText == null ? today.plusDays(1) : date("to", toText);
        LocalDate from = fromText == null ? to.minusDays(DEFAULT_DAYS) : date("from", fromText);
        if (!from.isBefore(to)) {
            throw new InvalidParameter("from", fromText, List.of("a date before to (" + to + ")"));
        }
        if (from.isBefore(to.minusYears(MAX_YEARS))) {
            throw new InvalidParameter("from", fromText, List.of("a date at most " + MAX_YEARS + " years before to (" + to + ")"));
        }
        return new FlowPeriod(from, to, zone);
    }

    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    Instant end() {
        return to.atStartOfDay(zone).toInstant();
    }

    boolean contains(Instant at) {
        return !at.isBefore(start()) && at.isBefore(end());
    }

    private static LocalDate date(String parameter, String text) {
        if (DATE_TEXT.matcher(text).matches()) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                // a date like 2026-02-30: answered below like any other bad text
            }
        }
        throw new InvalidParameter(parameter, text, List.of("a date YYYY-MM-DD"));
    }
}
