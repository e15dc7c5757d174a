package com.pulse.olap.query;

import java.time.ZoneId;
import java.util.List;

/**
 * A way to group facts. {@code sql} is a catalogue constant (never user text) that yields the member as a
 * non-null String: a missing value is the member {@link #NONE}, so nulls are labelled and never confused
 * with a total. {@code grain} is set for date dimensions, whose periods are listed without gaps.
 *
 * <p>{@code params} are the values of the {@code ?} in {@code sql}, in order: in the catalogue only {@link #ZONE},
 * which {@link #in(ZoneId)} replaces by the company time zone (a day of an instant is the company's day).
 */
public record Dimension(String name, Labels labels, String sql, TimeGrain grain, List<Object> params) {

    /** The member standing for a missing value (no owner, no close date, unknown region…). */
    public static final String NONE = "(none)";

    /** Stands for the company time zone among a catalogue dimension's parameters until {@link #in} binds it. */
    static final Object ZONE = new Object() {
        @Override
        public String toString() {
            return "<company time zone>";
        }
    };

    public Dimension {
        params = List.copyOf(params);
    }

    public Dimension(String name, Labels labels, String sql, TimeGrain grain) {
        this(name, labels, sql, grain, List.of());
    }

    public static Dimension text(String name, Labels labels, String sql) {
        return new Dimension(name, labels, sql, null);
    }

    /** A period of a month column (a Date holding the first day of the company's month): month, quarter or year. */
    public static Dimension period(String name, Labels labels, String monthColumn, TimeGrain grain) {
        return new Dimension(name, labels, grain.memberSql(monthColumn), grain);
    }

    /** A period of a calendar {@code Date} column, at any grain. */
    static Dimension dayPeriod(String name, Labels labels, String dateColumn, TimeGrain grain) {
        return new Dimension(name, labels, grain.memberSql(dateColumn), grain);
    }

    /** A period of a {@code DateTime('UTC')} column, at any grain, by the company's calendar. */
    static Dimension instantPeriod(String name, Labels labels, String instantColumn, TimeGrain grain) {
        String sql = grain.memberSql("toDate(" + instantColumn + ", ?)");
        // the quarter names the day twice: one zone per ?
        return new Dimension(name, labels, sql, grain, java.util.Collections.nCopies((int) sql.chars().filter(c -> c == '?').count(), ZONE));
    }

    /** This dimension with the company time zone bound in place of {@link #ZONE}. */
    Dimension in(ZoneId zone) {
        if (params.isEmpty()) {
            return this;
        }
        return new Dimension(name, labels, sql, grain, params.stream().map(p -> p == ZONE ? (Object) zone.getId() : p).toList());
    }
}
