package com.pulse.api.system;

/** One reason a request was refused, naming the JSON field (or query/path parameter) at fault. */
public record FieldProblem(String field, String reason) {
}
