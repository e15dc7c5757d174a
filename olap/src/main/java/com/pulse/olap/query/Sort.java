package com.pulse.olap.query;

import java.util.List;

/**
 * How members under one parent are ordered, at every level of both axes: {@code by} = {@code member} (the
 * default: member text, which is calendar order for date dimensions, {@code (none)} last) or a measure of the
 * query (by the member's total); {@code direction} {@code asc} (default) or {@code desc}.
 */
public record Sort(String by, String direction) {

    public static final String MEMBER = "member";
    public static final List<String> DIRECTIONS = List.of("asc", "desc");
    public static final Sort DEFAULT = new Sort(MEMBER, "asc");

    public boolean descending() {
        return "desc".equals(direction);
    }
}
