package com.pulse.clickhouse.dualengine;

import java.util.List;

/** Strings that break naive escaping, SQL text or JSON: every string column of the dual-engine rows gets them. */
public final class HostileStrings {

    public static final List<String> ALL = List.of(
            "O'Brien",
            "back\\slash",
            "\\'",
            "'; DROP TABLE x; --",
            "\\'; DROP TABLE x; --",
            "nul\0byte",
            "line\nbreak\r\nand\ttab",
            "\u0001\u0002\u001F\u007F",
            "\"double\" `back` quotes",
            "中文 Ελληνικά עברית",
            "emoji 😀👍🏽",
            "?",
            "{\"json\": [1, 2]}",
            "' OR '1'='1",
            "x".repeat(10_000) + "'",
            "");

    private HostileStrings() {
    }
}
