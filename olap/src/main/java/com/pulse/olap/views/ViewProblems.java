package com.pulse.olap.views;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** RFC 9457 answers for saved views; the field names the request part at fault. */
@RestControllerAdvice(assignableTypes = ViewsController.class)
class ViewProblems {

    @ExceptionHandler
    ProblemDetail invalid(InvalidView e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid saved view");
        problem.setProperty("errors", List.of(Map.of("field", e.field(), "reason", e.reason(), "validValues", e.validValues())));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notFound(ViewNotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail notTheOwner(NotTheOwner e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Not the owner");
        return problem;
    }

    @ExceptionHandler
    ProblemDetail nameTaken(ViewNameTaken e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Name already used");
        problem.setProperty("errors", List.of(Map.of("field", "name", "reason", "already used by another of your views")));
        return problem;
    }

    @ExceptionHandler
    ProblemDetail stale(StaleVersion e) {
        HttpStatus status = e.current() == null ? HttpStatus.PRECONDITION_REQUIRED : HttpStatus.PRECONDITION_FAILED;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.current() == null ? "If-Match required" : "Version conflict");
        if (e.current() != null) {
            problem.setProperty("currentVersion", e.current());
        }
        return problem;
    }
}
