package com.pulse.notifier.builtin;

import java.util.List;
import java.util.Map;

/** What a built-in query found, with the SQL and the values it ran with (kept as the firing's provenance). */
public record Evaluation(String sql, Map<String, Object> bound, List<Match> matches) {
}
