package com.pulse.olap.export;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The export's own refusal, as problem+json like the pivot's (the pivot's own are answered by {@code Problems}). */
@RestControllerAdvice(assignableTypes = ExportController.class)
class ExportProblems {

    @ExceptionHandler
    ProblemDetail sheetTooLarge(SheetTooLarge e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        problem.setTitle("Pivot too large for a worksheet");
        return problem;
    }
}
