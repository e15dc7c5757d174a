package com.pulse.api.target;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid target is (METRICS.md §Targets) and how a change applies. Pure, so it is tested without a database. */
final class TargetRules {

    static final List<String> SCOPE_TYPES = List.of("TEAM", "USER");
    static final List<String> PERIOD_TYPES = List.of("YEAR", "QUARTER", "MONTH");
    static final List<String> METRICS = List.of("WON_AMOUNT", "COLLECTED_AMOUNT", "NEW_CUSTOMERS", "NEW_LEADS", "ACTIVITIES");
    /** Metrics that count things: their targets are whole numbers. */
    static final List<String> COUNTS = List.of("NEW_CUSTOMERS", "NEW_LEADS", "ACTIVITIES");
    static final Map<String, Pattern> PERIODS = Map.of(
            "YEAR", Pattern.compile("20[0-9]{2}"),
            "QUARTER", Pattern.compile("20[0-9]{2}-Q[1-4]"),
            "MONTH", Pattern.compile("20[0-9]{2}-(0[1-9]|1[0-2])"));
    static final Map<String, String> PERIOD_EXAMPLES = Map.of("YEAR", "2027", "QUARTER", "2027-Q1", "MONTH", "2027-01");
    /** numeric(18, 2). */
    static final BigDecimal MAX_VALUE = new BigDecimal("9999999999999999.99");

    private TargetRules() {
    }

    static List<FieldProblem> validate(CreateTarget r) {
        List<FieldProblem> errors = new ArrayList<>();
        required("scopeType", r.scopeType(), errors);
        Texts.oneOf("scopeType", r.scopeType(), SCOPE_TYPES, errors);
        if (r.scopeId() == null) {
            errors.add(new FieldProblem("scopeId", "is required"));
        }
        required("periodType", r.periodType(), errors);
        Texts.oneOf("periodType", r.periodType(), PERIOD_TYPES, errors);
        required("period", r.period(), errors);
        if (r.period() != null && r.periodType() != null && PERIODS.containsKey(r.periodType()) && !PERIODS.get(r.periodType()).matcher(r.period()).matches()) {
            errors.add(new FieldProblem("period", "must be a " + r.periodType().toLowerCase() + " such as "
                    + PERIOD_EXAMPLES.get(r.periodType()) + " (years 2000 to 2099)"));
        }
        required("metric", r.metric(), errors);
        Texts.oneOf("metric", r.metric(), METRICS, errors);
        if (r.value() == null) {
            errors.add(new FieldProblem("value", "is required"));
        } else {
            checkValue(r.value(), r.metric(), errors);
        }
        return errors;
    }

    /** @param metric the target's metric, deciding whether the value must be whole */
    static List<FieldProblem> validate(UpdateTarget r, String metric) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.value() == null) {
            errors.add(new FieldProblem("value", "is required: only the value of a target changes"));
        } else {
            checkValue(r.value(), metric, errors);
        }
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        return errors;
    }

    private static void required(String field, String value, List<FieldProblem> errors) {
        if (value == null) {
            errors.add(new FieldProblem(field, "is required"));
        }
    }

    private static void checkValue(BigDecimal value, String metric, List<FieldProblem> errors) {
        if (value.signum() < 0) {
            errors.add(new FieldProblem("value", "must be at least 0"));
        } else if (value.compareTo(MAX_VALUE) > 0) {
            errors.add(new FieldProblem("value", "must be at most " + MAX_VALUE));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldProblem("value", "must have at most 2 decimals"));
        } else if (metric != null && COUNTS.contains(metric) && value.stripTrailingZeros().scale() > 0) {
            errors.add(new FieldProblem("value", "must be a whole number for " + metric));
        }
    }

    /** A new target at version 1; {@code r} has been validated. Stored with 2 decimals, as numeric(18, 2) returns it. */
    static Target create(UUID id, CreateTarget r, Instant now) {
        return new Target(id, r.scopeType(), r.scopeId(), r.periodType(), r.period(), r.metric(), scaled(r.value()),
                now, now, null, 1);
    }

    static Target update(Target c, UpdateTarget r, Instant now) {
        return new Target(c.id(), c.scopeType(), c.scopeId(), c.periodType(), c.period(), c.metric(), scaled(r.value()),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    static BigDecimal scaled(BigDecimal value) {
        return value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Target before, Target after) {
        boolean creation = before == null;
        Target b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("scopeType", b.scopeType(), after.scopeType())
                .field("scopeId", b.scopeId(), after.scopeId())
                .field("periodType", b.periodType(), after.periodType())
                .field("period", b.period(), after.period())
                .field("metric", b.metric(), after.metric())
                .field("value", b.value().toPlainString(), after.value().toPlainString());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
