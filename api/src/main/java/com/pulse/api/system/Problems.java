package com.pulse.api.system;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns any exception into the problem document to answer with. The one place that decides
 * status codes, so a hostile request gets a 4xx naming its fault and only a genuine server
 * fault gets a 5xx (whose detail never echoes internals).
 */
final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    static Problem from(Throwable error, String path) {
        // Before InvalidRequestException, which it extends.
        if (error instanceof OutOfScopeException e) {
            return problem("out-of-scope", "Outside your data scope", 422,
                    "The record would belong to somebody outside your data scope.", path, null, e.errors());
        }
        if (error instanceof InvalidRequestException e) {
            return problem("validation", "Invalid request", 400, "One or more fields are invalid.", path, null, e.errors());
        }
        if (error instanceof NotFoundException e) {
            return problem("not-found", "Not found", 404, e.getMessage(), path, null, null);
        }
        if (error instanceof ConflictException e) {
            return problem("conflict", "Version conflict", 409, e.getMessage(), path, e.currentVersion(), null);
        }
        if (error instanceof RefusedException e) {
            return problem(e.slug(), e.title(), e.status(), e.getMessage(), path, null, null);
        }
        if (find(error, DataBufferLimitException.class) != null) {
            return problem("payload-too-large", "Payload too large", 413, "The request body is too large.", path, null, null);
        }
        JacksonException json = find(error, JacksonException.class);
        if (json != null && (error instanceof ServerWebInputException || error instanceof DecodingException)) {
            return fromJson(json, path);
        }
        if (error instanceof ServerWebInputException e) {
            String reason = e.getReason() != null && e.getReason().contains("No request body")
                    ? "a JSON request body is required" : "the request could not be read";
            return problem("malformed-request", "Malformed request", 400, reason, path, null,
                    List.of(new FieldProblem("body", reason)));
        }
        if (error instanceof ResponseStatusException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            String title = status != null ? status.getReasonPhrase() : "Error";
            if (e.getStatusCode().is5xxServerError()) {
                log.error("Server error on {}", path, e);
            }
            // Framework reasons can quote the request back (URLs, header values); a 404 needs no detail.
            String detail = e.getStatusCode().value() == 404 ? "No resource at this path." : e.getReason();
            return problem("http-" + e.getStatusCode().value(), title, e.getStatusCode().value(), detail, path, null, null);
        }
        if (error instanceof DataIntegrityViolationException) {
            // Validation runs first, so this is a race with another writer (e.g. a referenced row vanished).
            log.warn("Integrity violation on {}: {}", path, error.getMessage());
            return problem("conflict", "Conflict with stored data", 409, "The change conflicts with stored data; reload and retry.", path, null, null);
        }
        log.error("Unexpected error on {}", path, error);
        return problem("internal", "Internal error", 500, "The server could not complete the request.", path, null, null);
    }

    private static Problem fromJson(JacksonException e, String path) {
        String field = fieldPath(e);
        if (e instanceof UnrecognizedPropertyException) {
            return validation(path, field, "unknown field");
        }
        if (e instanceof StreamConstraintsException) {
            return malformed(path, "a value in the request exceeds the size limits");
        }
        if (e instanceof StreamReadException) {
            return malformed(path, "malformed JSON");
        }
        if (e instanceof InvalidNullException) {
            return validation(path, field, "must not be null");
        }
        if (e instanceof MismatchedInputException m) {
            if (field.isEmpty()) {
                return malformed(path, "the request body must be a JSON object");
            }
            return validation(path, field, "wrong type or format" + expected(m.getTargetType()));
        }
        return field.isEmpty() ? malformed(path, "malformed JSON") : validation(path, field, "invalid value");
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "";
        }
        String name = switch (type.getSimpleName()) {
            case "String" -> "a string";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "BigDecimal", "Double", "double" -> "a number";
            case "UUID" -> "a UUID";
            case "LocalDate" -> "a date (YYYY-MM-DD)";
            case "Boolean", "boolean" -> "true or false";
            default -> null;
        };
        return name == null ? "" : ": expected " + name;
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        // Hostile field names are echoed back; keep them short.
        return sb.length() > 100 ? sb.substring(0, 100) + "…" : sb.toString();
    }

    private static Problem validation(String path, String field, String reason) {
        return problem("validation", "Invalid request", 400, "One or more fields are invalid.", path, null,
                List.of(new FieldProblem(field, reason)));
    }

    private static Problem malformed(String path, String reason) {
        return problem("malformed-request", "Malformed request", 400, reason, path, null,
                List.of(new FieldProblem("body", reason)));
    }

    private static Problem problem(String slug, String title, int status, String detail, String path,
                                   Long currentVersion, List<FieldProblem> errors) {
        return new Problem(Problem.TYPE_PREFIX + slug, title, status, detail, path, currentVersion, errors);
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
