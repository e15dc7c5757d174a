package com.pulse.notifier.inbox;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of /notifier/v1 as RFC 9457 problem+json: a bad field names the field and the reason; Spring's
 * standard MVC errors (wrong method, media type, …) come out the same way through the base class.
 */
@RestControllerAdvice
class InboxProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(InboxProblems.class);

    @ExceptionHandler
    ProblemDetail invalidField(InvalidField e) {
        return invalid(e.field(), e.getMessage());
    }

    // 404 like an id nobody has: whether someone else's alert exists is not told
    @ExceptionHandler
    ProblemDetail notFound(AlertNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        log.warn("Inbox store unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The inbox cannot be reached; try again shortly.");
        problem.setTitle("Inbox unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
    }

    // A body that is not JSON at all: the only body field there is, is "read".
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(invalid("read", "the body must be a JSON object {\"read\": true|false}"));
    }

    private static ProblemDetail invalid(String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + reason);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason)));
        return problem;
    }
}
