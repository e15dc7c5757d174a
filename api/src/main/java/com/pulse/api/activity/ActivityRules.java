package com.pulse.api.activity;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a valid activity is and how a change applies. Pure, so it is tested without a database. */
final class ActivityRules {

    static final List<String> TYPES = List.of("CALL", "VISIT", "EMAIL", "MEETING");
    static final int MAX_SUBJECT = 200;
    static final int MAX_NOTES = 10_000;
    /** Timestamps outside these bounds are client bugs (epoch numbers in the wrong unit, placeholder dates). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");
    /** A completion "now" by a client whose clock runs slightly ahead is still not in the future. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private ActivityRules() {
    }

    static List<FieldProblem> validate(CreateActivity r, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.type() == null) {
            errors.add(new FieldProblem("type", "is required"));
        }
        Texts.required("subject", r.subject(), MAX_SUBJECT, errors);
        if (r.accountId() == null && r.contactId() == null && r.opportunityId() == null) {
            errors.add(new FieldProblem("accountId", "one of accountId, contactId, opportunityId is required"));
        }
        checkOptional(r.type(), r.notes(), r.dueAt(), r.completedAt(), now, errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateActivity r, Instant now) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("subject", r.subject(), MAX_SUBJECT, errors);
        checkOptional(r.type(), r.notes(), r.dueAt(), r.completedAt(), now, errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void checkOptional(String type, String notes, Instant dueAt, Instant completedAt, Instant now,
                                      List<FieldProblem> errors) {
        Texts.oneOf("type", type, TYPES, errors);
        if (notes != null && notes.isBlank()) {
            errors.add(new FieldProblem("notes", "must not be blank"));
        } else if (notes != null && notes.length() > MAX_NOTES) {
            errors.add(new FieldProblem("notes", "must be at most " + MAX_NOTES + " characters"));
        } else if (notes != null && notes.chars().anyMatch(c -> c == 0)) {
            errors.add(new FieldProblem("notes", "must not contain NUL characters"));
        }
        timestamp("dueAt", dueAt, errors);
        timestamp("completedAt", completedAt, errors);
        if (completedAt != null && completedAt.isAfter(now.plus(CLOCK_SKEW))) {
            errors.add(new FieldProblem("completedAt", "must not be in the future"));
        }
    }

    static void timestamp(String field, Instant value, List<FieldProblem> errors) {
        if (value != null && (value.isBefore(EARLIEST) || !value.isBefore(LATEST))) {
            errors.add(new FieldProblem(field, "must be an instant between " + EARLIEST + " and " + LATEST));
        }
    }

    /** A new activity at version 1; {@code r} has been validated. */
    static Activity create(UUID id, CreateActivity r, Instant now) {
        return new Activity(id, r.type(), r.subject().strip(), r.notes(), r.accountId(), r.contactId(), r.opportunityId(),
                micros(r.dueAt()), micros(r.completedAt()), r.ownerId(), now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Activity update(Activity c, UpdateActivity r, Instant now) {
        return new Activity(c.id(),
                r.type() != null ? r.type() : c.type(),
                r.subject() != null ? r.subject().strip() : c.subject(),
                r.notes() != null ? r.notes() : c.notes(),
                r.accountId() != null ? r.accountId() : c.accountId(),
                r.contactId() != null ? r.contactId() : c.contactId(),
                r.opportunityId() != null ? r.opportunityId() : c.opportunityId(),
                r.dueAt() != null ? micros(r.dueAt()) : c.dueAt(),
                r.completedAt() != null ? micros(r.completedAt()) : c.completedAt(),
                r.ownerId() != null ? r.ownerId() : c.ownerId(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** Postgres keeps microseconds: truncating here makes the event's snapshot equal a later read. */
    static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Activity before, Activity after) {
        boolean creation = before == null;
        Activity b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("type", b.type(), after.type())
                .field("subject", b.subject(), after.subject())
                .field("notes", b.notes(), after.notes())
                .field("accountId", b.accountId(), after.accountId())
                .field("contactId", b.contactId(), after.contactId())
                .field("opportunityId", b.opportunityId(), after.opportunityId())
                .field("dueAt", b.dueAt(), after.dueAt())
                .field("completedAt", b.completedAt(), after.completedAt())
                .field("ownerId", b.ownerId(), after.ownerId());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
