package com.pulse.dashboards.features;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /app/features.json}: {@code {"demo": true|false}}, read by every page's header before it draws
 * the navigation. The gateway answers it itself, so the header does not wait on (or fail with) the notifier.
 */
@Configuration(proxyBeanMethods = false)
class FeaturesRoute {

    @Bean
    RouterFunction<ServerResponse> featuresJson(FeaturesProperties features) {
        return RouterFunctions.route().GET("/app/features.json", request -> ServerResponse.ok()
                .cacheControl(CacheControl.noStore())
                .bodyValue(Map.of("demo", features.demo()))).build();
    }
}
