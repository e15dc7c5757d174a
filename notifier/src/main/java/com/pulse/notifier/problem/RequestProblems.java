package com.pulse.notifier.problem;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * RFC 9457 problem+json for the rules and preferences APIs. Ordered first and limited to those packages,
 * so a body that is not JSON there is answered here (naming the body) rather than by the inbox's advice.
 */
@RestControllerAdvice(basePackages = {"com.pulse.notifier.rules", "com.pulse.notifier.preferences",
        "com.pulse.notifier.masssend"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestProblems {

    private static final Logger log = LoggerFactory.getLogger(RequestProblems.class);

    @ExceptionHandler
    ProblemDetail invalid(InvalidRequest e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", e.errors().stream()
                .map(p -> Map.of("field", p.field(), "reason", p.reason())).toList());
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return invalid(new InvalidRequest("body", "must be a JSON object"));
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail unprocessable(Unprocessable e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail conflict(VersionConflict e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Version conflict");
        problem.setProperty("currentVersion", e.current());
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> analytics(com.pulse.clickhouse.ClickHouseException e) {
        log.warn("ClickHouse unavailable for a rule check: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The analytics store (saved views) cannot be reached; try again shortly.");
        problem.setTitle("Analytics store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        log.warn("Notifier store unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The notifier's store cannot be reached; try again shortly.");
        problem.setTitle("Store unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }
}
