package com.pulse.dashboards.routing;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Starts handling each request on a worker thread instead of inside the event-loop call that
 * read it. Reactor Netty 1.3 (through 1.3.8, the newest release Maven Central serves here)
 * queues a keep-alive request that arrives while the previous response is still finishing; when
 * the queued request is answered within the call that dequeues it (a 404, a refused WebSocket
 * origin: anything decided without I/O), the connection is never asked to read again and the
 * browser's next request on it waits forever (reactor/reactor-netty#4361, fixed in a later
 * release). One hop to a worker makes every answer asynchronous and keeps the connection
 * reading; GatewayRoutingTests reproduces the stall without this filter. The api has the same
 * filter for the same reason.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DeferredDispatch implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.parallel());
    }
}
