package com.pulse.notifier.delivery;

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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of {@code /notifier/v1/deliveries} as RFC 9457 problem+json, ahead of the inbox's advice. */
@RestControllerAdvice(assignableTypes = DeliveryController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DeliveryProblems {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProblems.class);

    @ExceptionHandler
    ProblemDetail invalid(InvalidDeliveryQuery e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.field() + ": " + e.getMessage());
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.getMessage())));
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        log.warn("Delivery log unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The delivery log cannot be reached; try again shortly.");
        problem.setTitle("Delivery log unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }
}
