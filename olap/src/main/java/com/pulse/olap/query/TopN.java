package com.pulse.olap.query;

/** A validated {@link Top} for one row level; {@link #NONE} keeps every member. */
public record TopN(int n, Measure by) {

    public static final TopN NONE = new TopN(0, null);

    public boolean limits() {
        return n > 0;
    }
}
