package com.pulse.olap.query;

/**
 * A top-N limit as a caller asks for it: keep the first {@code n} members under each parent of a row level, ranked
 * by the measure {@code by} (a measure of the query, of the member's row total; descending, nulls last, ties by
 * member). The rest are folded into one {@code (other)} member.
 */
public record Top(Integer n, String by) {

    public static final int MAX_N = 1_000;
}
