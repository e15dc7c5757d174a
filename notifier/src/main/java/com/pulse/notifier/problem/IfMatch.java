package com.pulse.notifier.problem;

/** The version an {@code If-Match} header names: {@code "3"}, {@code W/"3"} or {@code 3}; null when absent. */
public final class IfMatch {

    private IfMatch() {
    }

    public static Long version(String header) {
        if (header == null) {
            return null;
        }
        String v = header.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        try {
            long version = Long.parseLong(v.replace("\"", ""));
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidRequest("If-Match", "must be a version the resource was read at, e.g. \"3\"");
    }
}
