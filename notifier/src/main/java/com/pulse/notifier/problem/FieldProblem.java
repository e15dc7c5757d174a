package com.pulse.notifier.problem;

/** One bad field of a request and why, e.g. {@code schedule.at}: "a time of day HH:mm". */
public record FieldProblem(String field, String reason) {
}
