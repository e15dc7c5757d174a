package com.pulse.dashboards.routing;

import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The routes of the edge. Paths are forwarded unchanged: each service owns its prefix. */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

    @Bean
    RouteLocator pulseRoutes(RouteLocatorBuilder routes, BackendProperties backends) {
        WebSocketOriginCheck originCheck = new WebSocketOriginCheck(backends.allowedOrigins());
        return routes.routes()
                .route("api", r -> r.path("/api/**")
                        .filters(f -> f.filter(new BackendUnavailable("api"))
                                .rewriteLocationResponseHeader("AS_IN_REQUEST", "Location", null, "https?|ftps?"))
                        .uri(backends.apiUrl()))
                .route("olap", r -> r.path("/olap/**")
                        .filters(f -> f.filter(new BackendUnavailable("olap")))
                        .uri(backends.olapUrl()))
                .route("notifier", r -> r.path("/notifier/**")
                        .filters(f -> f.filter(new BackendUnavailable("notifier")))
                        .uri(backends.notifierUrl()))
                .route("notifier-ws", r -> r.path("/ws/**")
                        .filters(f -> f.filter(originCheck))
                        .uri(backends.notifierWebSocketUrl()))
                .build();
    }
}
