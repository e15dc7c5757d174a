package com.pulse.olap.query;

/**
 * A date a {@code between} filter can bound, inclusive on both days, days in the company time zone.
 * {@code instant} columns are {@code DateTime('UTC')} and are compared with the UTC instants of the company's
 * midnights; the others are calendar {@code Date} columns compared with the days themselves.
 */
public record DateField(String name, Labels labels, String column, boolean instant) {
}
