package com.pulse.api.opportunity;

import java.time.Instant;

/**
 * One line of {@code GET /api/v1/opportunities/{id}/history}: in change {@code version}, made by
 * {@code actor} at {@code at}, {@code field} went from {@code from} to {@code to} (text; null when absent).
 * Moving to and from the recycle bin shows as field {@code deleted}.
 */
record HistoryEntry(long version, Instant at, String actor, String field, String from, String to) {
}
