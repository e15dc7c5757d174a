package com.pulse.olap.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period named relative to today ({@code this_quarter}, {@code last_week}, {@code last_30_days}…), resolved to the
 * company days it spans, both included. "Today" is the company's day (the caller passes it from the company zone
 * and a clock), so a quarter turns at the company's midnight, not UTC's. Weeks start on Monday; quarters are the
 * calendar's. {@code last_N_days} is the N days ending today, today included ({@code last_1_days} = today).
 */
public final class RelativePeriod {

    public static final int MAX_DAYS = 3_660;
    private static final List<String> UNITS = List.of("day", "week", "month", "quarter", "year");
    private static final Pattern NAMED = Pattern.compile("(this|last|next)_(day|week|month|quarter|year)");
    private static final Pattern LAST_DAYS = Pattern.compile("last_([1-9][0-9]{0,3})_days");

    /** The values a relative filter takes, as listed in a 400. */
    public static final List<String> VALUES = values();

    private RelativePeriod() {
    }

    /** The first and last company day of the period. */
    public record Days(LocalDate from, LocalDate to) {
    }

    static Days resolve(String at, String value, LocalDate today) {
        if (value != null) {
            Matcher named = NAMED.matcher(value);
            if (named.matches()) {
                int step = switch (named.group(1)) {
                    case "last" -> -1;
                    case "next" -> 1;
                    default -> 0;
                };
                return named(named.group(2), step, today);
            }
            Matcher days = LAST_DAYS.matcher(value);
            if (days.matches() && Integer.parseInt(days.group(1)) <= MAX_DAYS) {
                return new Days(today.minusDays(Integer.parseInt(days.group(1)) - 1L), today);
            }
        }
        throw new InvalidQuery(at, "unknown relative period " + InvalidQuery.shown(value)
                + " (N of last_N_days from 1 to " + MAX_DAYS + ")", VALUES);
    }

    private static Days named(String unit, int step, LocalDate today) {
        return switch (unit) {
            case "day" -> new Days(today.plusDays(step), today.plusDays(step));
            case "week" -> {
                LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(step);
                yield new Days(monday, monday.plusDays(6));
            }
            case "month" -> {
                LocalDate first = today.withDayOfMonth(1).plusMonths(step);
                yield new Days(first, first.plusMonths(1).minusDays(1));
            }
            case "quarter" -> {
                LocalDate first = today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1).plusMonths(3L * step);
                yield new Days(first, first.plusMonths(3).minusDays(1));
            }
            default -> {
                LocalDate first = today.withDayOfYear(1).plusYears(step);
                yield new Days(first, first.plusYears(1).minusDays(1));
            }
        };
    }

    private static List<String> values() {
        List<String> out = new ArrayList<>();
        for (String when : List.of("this", "last", "next")) {
            for (String unit : UNITS) {
                out.add(when + "_" + unit);
            }
        }
        out.add("last_N_days");
        return List.copyOf(out);
    }
}
