package com.pulse.api.system;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one Postgres setting, {@code pulse.pg.url}: a JDBC URL such as
 * {@code jdbc:postgresql://127.0.0.1:54329/pulse?user=postgres&password=secret}.
 * Flyway takes it as it is (minus the credentials); the R2DBC driver needs its parts.
 *
 * @param options the query parameters other than user and password, in order
 */
public record PgUrl(String host, int port, String database, String user, String password, Map<String, String> options) {

    private static final String PREFIX = "jdbc:postgresql://";

    public PgUrl {
        options = Map.copyOf(options);
    }

    public static PgUrl parse(String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new IllegalArgumentException("pulse.pg.url must start with " + PREFIX + " but was: " + redact(url));
        }
        String rest = url.substring(PREFIX.length());
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String hostPort = slash >= 0 ? rest.substring(0, slash) : rest;
        String database = slash >= 0 ? decode(rest.substring(slash + 1)) : "";
        if (hostPort.isEmpty() || hostPort.contains(",")) {
            throw new IllegalArgumentException("pulse.pg.url needs exactly one host: " + redact(url));
        }
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        // "[::1]:5432" — an IPv6 literal keeps its colons inside the brackets.
        if (colon > hostPort.lastIndexOf(']')) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("pulse.pg.url has a bad port: " + redact(url), e);
            }
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
            params.put(key, eq >= 0 ? decode(pair.substring(eq + 1)) : "");
        }
        String user = params.remove("user");
        String password = params.remove("password");
        if (user == null || user.isEmpty()) {
            user = "postgres";
        }
        // Postgres itself defaults the database to the user name.
        return new PgUrl(host, port, database.isEmpty() ? user : database, user, password, params);
    }

    /** The JDBC URL without credentials, for Flyway (which takes user and password separately) and for logs. */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder(PREFIX).append(h).append(':').append(port).append('/').append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            sep = '&';
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return jdbcUrl() + " (user " + user + ")";
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url == null ? "null" : url.replaceAll("password=[^&]*", "password=***");
    }
}
