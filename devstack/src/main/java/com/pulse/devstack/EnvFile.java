package com.pulse.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code devstack.env} file: shell {@code export NAME='value'} lines, so the pulse script can
 * {@code source} it and the test fixture can read it. Written through a temporary file and a
 * rename, so a reader never sees half a file.
 */
final class EnvFile {

    static final String PG_URL = "PULSE_PG_URL";
    static final String KAFKA_BOOTSTRAP = "PULSE_KAFKA_BOOTSTRAP";
    static final String CLICKHOUSE_URL = "PULSE_CLICKHOUSE_URL";

    private EnvFile() {
    }

    static String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder("# written by devstack; removed when it stops\n");
        values.forEach((name, value) -> out.append("export ").append(name).append('=').append(quote(value)).append('\n'));
        return out.toString();
    }

    static void write(Path file, Map<String, String> values) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, render(values));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, String> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Accepts {@code export A=b}, {@code A=b}, single or double quotes; skips comments and blanks. */
    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        return values;
    }

    // Single quotes keep the shell from globbing the '?' in a JDBC URL.
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("'") && value.endsWith("'")) {
            return value.substring(1, value.length() - 1).replace("'\\''", "'");
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
