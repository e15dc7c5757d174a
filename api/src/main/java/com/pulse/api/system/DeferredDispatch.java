package com.pulse.api.system;

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
 * that queued request is answered within the same call that dequeues it (a 401 or 403 the
 * security chain decides without any I/O), the connection is never asked to read again and the
 * next request on it waits forever (reactor/reactor-netty#4361, fixed in a later release).
 * Browsers, the gateway's pooled client and WebTestClient all reuse connections, so this showed
 * as a request that never got an answer. One hop to a worker makes every answer asynchronous,
 * which keeps the connection reading; {@code KeepAliveIntegrationTests} reproduces the stall
 * byte for byte without this filter. The price is one hand-over to another thread per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DeferredDispatch implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.defer(() -> chain.filter(exchange)).subscribeOn(Schedulers.parallel());
    }
}
