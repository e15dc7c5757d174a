package com.pulse.dashboards.routing;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the gateway sends each path prefix.
 *
 * @param allowedOrigins origins besides the gateway's own that may open the {@code /ws} WebSocket
 *                       (e.g. {@code http://cockpit.example.com}); same-origin pages always may
 */
@ConfigurationProperties("pulse.dashboards")
record BackendProperties(
        @DefaultValue("http://127.0.0.1:8081") URI apiUrl,
        @DefaultValue("http://127.0.0.1:8082") URI olapUrl,
        @DefaultValue("http://127.0.0.1:8083") URI notifierUrl,
        @DefaultValue List<String> allowedOrigins) {

    /** The notifier as a WebSocket target: the gateway only proxies the upgrade for ws/wss URIs. */
    URI notifierWebSocketUrl() {
        String scheme = "https".equals(notifierUrl.getScheme()) ? "wss" : "ws";
        return URI.create(scheme + notifierUrl.toString().substring(notifierUrl.getScheme().length()));
    }
}
