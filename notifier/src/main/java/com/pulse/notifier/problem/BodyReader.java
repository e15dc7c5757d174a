package com.pulse.notifier.problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body field by field, collecting every problem (field path and reason) instead
 * of stopping at the first, so one 400 names all of them; fields not known are problems too.
 */
public final class BodyReader {

    private final List<FieldProblem> problems = new ArrayList<>();

    public static String path(String prefix, String field) {
        return prefix.isEmpty() ? field : prefix + "." + field;
    }

    public void problem(String field, String reason) {
        problems.add(new FieldProblem(field, reason));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** Every field of {@code object} not in {@code known} is refused. */
    public void onlyKnown(JsonNode object, String prefix, Set<String> known) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                problem(path(prefix, name), "unknown field");
            }
        }
    }

    /** The object at {@code path}, or null (with a problem when required or of another type). */
    public JsonNode object(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = present(parent, field, path, required);
        if (node != null && !node.isObject()) {
            problem(path, "must be a JSON object");
            return null;
        }
        return node;
    }

    public String text(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = present(parent, field, path, required);
        if (node != null && !node.isString()) {
            problem(path, "must be a string");
            return null;
        }
        return node == null ? null : node.asString();
    }

    public Boolean bool(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = present(parent, field, path, required);
        if (node != null && !node.isBoolean()) {
            problem(path, "must be true or false");
            return null;
        }
        return node == null ? null : node.booleanValue();
    }

    /** A whole number in [min, max], or null when absent and not required. */
    public Integer integer(JsonNode parent, String field, String path, boolean required, int min, int max) {
        JsonNode node = present(parent, field, path, required);
        if (node == null) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < min || node.intValue() > max) {
            problem(path, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return node.intValue();
    }

    public Long longValue(JsonNode parent, String field, String path) {
        JsonNode node = present(parent, field, path, false);
        if (node != null && (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1)) {
            problem(path, "must be a positive whole number");
            return null;
        }
        return node == null ? null : node.longValue();
    }

    /** The array at {@code path}, or null (with a problem when required or not an array). */
    public JsonNode array(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = present(parent, field, path, required);
        if (node != null && !node.isArray()) {
            problem(path, "must be a JSON array");
            return null;
        }
        return node;
    }

    /** Throws {@link InvalidRequest} with everything collected, if anything was. */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
    }

    private JsonNode present(JsonNode parent, String field, String path, boolean required) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                problem(path, "is required");
            }
            return null;
        }
        return node;
    }
}
