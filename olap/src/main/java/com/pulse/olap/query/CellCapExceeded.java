package com.pulse.olap.query;

/** A pivot whose answer would have more cells than the configured cap; the caller should narrow it. */
public class CellCapExceeded extends RuntimeException {

    private final long cap;

    public CellCapExceeded(long cap, String what) {
        super("The pivot has " + what + ", more than the limit of " + cap
                + " cells; add filters or use fewer dimensions or measures.");
        this.cap = cap;
    }

    public long cap() {
        return cap;
    }
}
