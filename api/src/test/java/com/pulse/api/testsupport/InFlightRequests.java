package com.pulse.api.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Test-only record of the requests the server has received and not yet finished, so that a
 * test which times out waiting for a response can tell "the server never saw the request"
 * from "the server is still working on it" (and how far it got: response committed or not).
 * Added to every api test context by {@link InFlightRequestsCustomizerFactory}.
 */
public class InFlightRequests implements WebFilter, Ordered {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Map<Long, InFlight> IN_FLIGHT = new ConcurrentHashMap<>();

    /** One received request; {@code committed} is set when its response headers are about to be sent. */
    static final class InFlight {
        final long id;
        final String request;
        final Instant received = Instant.now();
        volatile Instant committed;
        volatile String thread;

        InFlight(long id, String request) {
            this.id = id;
            this.request = request;
        }

        @Override
        public String toString() {
            return "#" + id + " " + request + " received " + Duration.between(received, Instant.now()).toMillis()
                    + " ms ago on " + thread + (committed == null ? ", response not committed"
                    : ", response committed " + Duration.between(committed, Instant.now()).toMillis() + " ms ago");
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long id = SEQUENCE.incrementAndGet();
        InFlight entry = new InFlight(id, exchange.getRequest().getMethod() + " " + exchange.getRequest().getURI()
                + " (" + exchange.getRequest().getRemoteAddress() + ")");
        entry.thread = Thread.currentThread().getName();
        IN_FLIGHT.put(id, entry);
        exchange.getResponse().beforeCommit(() -> {
            entry.committed = Instant.now();
            return Mono.empty();
        });
        return chain.filter(exchange).doFinally(signal -> IN_FLIGHT.remove(id));
    }

    /** What the server is working on now, oldest first. */
    public static List<String> now() {
        return IN_FLIGHT.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).map(InFlight::toString).toList();
    }

    /** How many requests the server has received since the JVM started. */
    public static long received() {
        return SEQUENCE.get();
    }
}
