package com.pulse.olap.query;

/** A number a {@code range} filter can bound: {@code from} inclusive, {@code to} exclusive. */
public record NumberField(String name, Labels labels, String column, boolean decimal) {
}
