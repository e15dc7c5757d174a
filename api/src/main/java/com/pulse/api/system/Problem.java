package com.pulse.api.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. Written by hand rather than with Spring's ProblemDetail so
 * the shape (including {@code errors}) does not depend on which Jackson mixins are registered.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String type, String title, int status, String detail, String instance,
               Long currentVersion, List<FieldProblem> errors) {

    static final String TYPE_PREFIX = "urn:pulse:problem:";
}
