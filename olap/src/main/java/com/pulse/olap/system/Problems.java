package com.pulse.olap.system;

import com.clickhouse.client.api.ConnectionInitiationException;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.TransportException;
import com.pulse.clickhouse.ClickHouseException;
import com.pulse.olap.query.CellCapExceeded;
import com.pulse.olap.query.InvalidQuery;
import com.pulse.olap.security.ScopeNotVisible;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * olap's own errors as RFC 9457 problem+json (Spring's standard MVC exceptions are answered the
 * same way by {@code spring.mvc.problemdetails.enabled}).
 */
@RestControllerAdvice
class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    @ExceptionHandler
    ProblemDetail invalidParameter(InvalidParameter e) {
        return badRequest("Invalid parameter", e.getMessage(), e.parameter(), e.getMessage(), e.validValues());
    }

    @ExceptionHandler
    ProblemDetail invalidQuery(InvalidQuery e) {
        return badRequest("Invalid pivot query", e.getMessage(), e.field(), e.reason(), e.validValues());
    }

    /** 400 naming one field, why it is refused and what it may be instead. */
    private static ProblemDetail badRequest(String title, String detail, String field, String reason, Object validValues) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "reason", reason, "validValues", validValues)));
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> cellCapExceeded(CellCapExceeded e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Pivot too large");
        problem.setProperty("maxCells", e.cap());
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> tooManyQueries(TooManyQueries e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        problem.setTitle("Too many queries at once");
        problem.setProperty("limit", e.limit());
        // queries take well under the time limit; a second is long enough for one to finish, short enough to feel live
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    // 404 like a scope nobody has: whether it exists is not told to who may not see it
    @ExceptionHandler
    ProblemDetail scopeNotVisible(ScopeNotVisible e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "No such scope, or not within your data scope.");
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> clickHouse(ClickHouseException e) {
        if (unreachable(e)) {
            log.warn("ClickHouse unavailable: {}", e.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The analytics store cannot be reached; try again shortly.");
            problem.setTitle("Analytics store unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2").body(problem);
        }
        if (timedOut(e)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The query ran longer than its time limit; add filters or use fewer dimensions.");
            problem.setTitle("Query too slow");
            return ResponseEntity.unprocessableContent().body(problem);
        }
        // The server refused our SQL: our fault, and its text may name tables, so it stays in the log.
        log.error("ClickHouse refused a statement", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The analytics query failed.");
        problem.setTitle("Analytics query failed");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    /** ClickHouse stopped the statement at {@code max_execution_time} (TIMEOUT_EXCEEDED, code 159). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("TIMEOUT_EXCEEDED") || message.contains("Code: 159"))) {
                return true;
            }
        }
        return false;
    }

    /** Could not connect, the connection broke, or no answer in time, as opposed to the server answering with an error. */
    static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerException) {
                return false;
            }
            if (t instanceof IOException || t instanceof TimeoutException
                    || t instanceof ConnectionInitiationException || t instanceof TransportException) {
                return true;
            }
        }
        return false;
    }
}
