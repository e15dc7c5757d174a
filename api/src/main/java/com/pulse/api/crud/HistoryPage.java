package com.pulse.api.crud;

import java.util.List;

/** The body of {@code GET …/{id}/history}: every changed field of every version, oldest first. */
public record HistoryPage(List<HistoryEntry> items) {
}
