package com.pulse.api.crud;

import java.time.Instant;

/** One changed field of one version, as {@code GET …/{id}/history} shows it. */
public record HistoryEntry(long version, String field, String oldValue, String newValue, String actor, Instant changedAt) {
}
