package com.pulse.clickhouse;

import java.util.ArrayList;
import java.util.List;

/**
 * One versioned ClickHouse schema change, read from {@code clickhouse/migrations/V<nnn>__<name>.sql}.
 * A file may hold several statements, each ended by a {@code ;} at the end of a line
 * (the HTTP interface runs one statement per request).
 */
public record Migration(int version, String name, String sql) {

    public List<String> statements() {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                add(statements, current);
            }
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String s = current.toString().strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        if (!s.isEmpty()) {
            statements.add(s);
        }
        current.setLength(0);
    }
}
