package com.pulse.dashboards.routing;

import java.net.URI;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Browsers apply neither the same-origin policy nor CORS to WebSocket handshakes, and the gateway's
 * WebSocket routing proxies them without looking at {@code Origin}. So the edge checks
 * the origin itself, then drops the header: behind the edge the handshake is server to server (the
 * proxy's client presents the upstream's own origin), so the notifier's same-origin check does not
 * compare the browser's origin with the upstream host name and refuse every browser.
 */
final class WebSocketOriginCheck implements GatewayFilter {

    private final List<String> allowedOrigins;

    WebSocketOriginCheck(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String origin = request.getHeaders().getOrigin();
        if (origin != null && !isSameOrigin(origin, request) && !allowedOrigins.contains(origin)) {
            exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
            return exchange.getResponse().setComplete();
        }
        ServerHttpRequest withoutOrigin = request.mutate().headers(h -> h.remove(HttpHeaders.ORIGIN)).build();
        return chain.filter(exchange.mutate().request(withoutOrigin).build());
    }

    /** Same host and port as the request was addressed to (the Host header, as the browser sent it). */
    static boolean isSameOrigin(String origin, ServerHttpRequest request) {
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            return false;
        }
        try {
            URI o = URI.create(origin);
            if (o.getHost() == null) {
                return false;
            }
            int port = o.getPort() != -1 ? o.getPort() : ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80);
            URI h = URI.create("//" + host);
            int hostPort = h.getPort() != -1 ? h.getPort() : port;
            return o.getHost().equalsIgnoreCase(h.getHost()) && port == hostPort;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
