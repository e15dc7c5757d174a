package com.pulse.olap.query;

/**
 * A way to group facts. {@code sql} is a catalogue constant (never user text) that yields the member as a
 * non-null String: a missing value is the member {@link #NONE}, so nulls are labelled and never confused
 * with a total. {@code grain} is set for date dimensions, whose periods are listed without gaps.
 */
public record Dimension(String name, Labels labels, String sql, TimeGrain grain) {

    /** The member standing for a missing value (no owner, no close date, unknown region…). */
    public static final String NONE = "(none)";

    public static Dimension text(String name, Labels labels, String sql) {
        return new Dimension(name, labels, sql, null);
    }

    public static Dimension period(String name, Labels labels, String monthColumn, TimeGrain grain) {
        return new Dimension(name, labels, grain.memberSql(monthColumn), grain);
    }
}
