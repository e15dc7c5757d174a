package com.pulse.api.security;

import com.pulse.api.system.ProblemWriter;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses suspicious request paths (encoded slashes, percent signs or
 * dots, path traversal) before anything else runs; answer those with the same 400 problem document
 * as any malformed request instead of an empty body.
 */
@Component
public class RejectedRequests implements ServerExchangeRejectedHandler {

    private final ProblemWriter problems;

    RejectedRequests(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.malformedPath(exchange);
    }
}
