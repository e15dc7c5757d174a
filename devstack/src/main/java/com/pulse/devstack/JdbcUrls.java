package com.pulse.devstack;

/** Swaps the database of a {@code jdbc:postgresql://host:port/db?params} URL, keeping host and parameters. */
final class JdbcUrls {

    private JdbcUrls() {
    }

    static String withDatabase(String url, String database) {
        String prefix = "jdbc:postgresql://";
        if (!url.startsWith(prefix)) {
            throw new IllegalArgumentException("not a jdbc:postgresql:// URL: " + url);
        }
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int slash = base.indexOf('/', prefix.length());
        String hostPort = slash < 0 ? base : base.substring(0, slash);
        return hostPort + "/" + database + params;
    }
}
