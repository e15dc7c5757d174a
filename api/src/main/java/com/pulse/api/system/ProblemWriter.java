package com.pulse.api.system;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document straight to the response, for the parts that answer before a
 * controller runs (the security filter chain's 401 and 403), in the shape {@link Problems} gives
 * every other error.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;

    ProblemWriter(JsonMapper json) {
        this.json = json;
    }

    /** 401: no token, or one that does not verify (expired, wrong signature or issuer). */
    public Mono<Void> unauthorized(ServerWebExchange exchange, String detail) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return write(exchange, problem("unauthorized", "Unauthorized", 401, detail, exchange));
    }

    /** 403: a valid token whose roles do not allow the request. */
    public Mono<Void> forbidden(ServerWebExchange exchange, String detail) {
        return write(exchange, problem("forbidden", "Forbidden", 403, detail, exchange));
    }

    /** 400: a request path the firewall refuses (encoded slash, percent or dot, traversal); the path is not echoed. */
    public Mono<Void> malformedPath(ServerWebExchange exchange) {
        String reason = "the request path contains characters that are not allowed";
        return write(exchange, new Problem(Problem.TYPE_PREFIX + "malformed-request", "Malformed request", 400, reason,
                null, null, java.util.List.of(new FieldProblem("path", reason))));
    }

    Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatusCode(HttpStatusCode.valueOf(problem.status()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private static Problem problem(String slug, String title, int status, String detail, ServerWebExchange exchange) {
        String path = exchange.getRequest().getPath().value();
        return new Problem(Problem.TYPE_PREFIX + slug, title, status, detail,
                path.length() > 200 ? path.substring(0, 200) : path, null, null);
    }
}
