package com.pulse.api.task;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a valid task is and how a change applies. Pure, so it is tested without a database. */
final class TaskRules {

    static final List<String> STATUSES = List.of("OPEN", "IN_PROGRESS", "DONE", "CANCELLED");
    static final int MAX_TITLE = 200;
    /** Timestamps outside these bounds are client bugs (epoch numbers in the wrong unit, placeholder dates). */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

    private TaskRules() {
    }

    static List<FieldProblem> validate(CreateTask r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.required("title", r.title(), MAX_TITLE, errors);
        if (r.assigneeId() == null) {
            errors.add(new FieldProblem("assigneeId", "is required"));
        }
        checkOptional(r.due(), r.status(), errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateTask r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("title", r.title(), MAX_TITLE, errors);
        checkOptional(r.due(), r.status(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void checkOptional(Instant due, String status, List<FieldProblem> errors) {
        timestamp("due", due, errors);
        Texts.oneOf("status", status, STATUSES, errors);
    }

    static void timestamp(String field, Instant value, List<FieldProblem> errors) {
        if (value != null && (value.isBefore(EARLIEST) || !value.isBefore(LATEST))) {
            errors.add(new FieldProblem(field, "must be an instant between " + EARLIEST + " and " + LATEST));
        }
    }

    /** A new task at version 1; {@code r} has been validated. */
    static Task create(UUID id, CreateTask r, Instant now) {
        return new Task(id, r.title().strip(), r.assigneeId(), micros(r.due()), r.status() != null ? r.status() : "OPEN",
                r.accountId(), r.opportunityId(), now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Task update(Task c, UpdateTask r, Instant now) {
        return new Task(c.id(),
                r.title() != null ? r.title().strip() : c.title(),
                r.assigneeId() != null ? r.assigneeId() : c.assigneeId(),
                r.due() != null ? micros(r.due()) : c.due(),
                r.status() != null ? r.status() : c.status(),
                r.accountId() != null ? r.accountId() : c.accountId(),
                r.opportunityId() != null ? r.opportunityId() : c.opportunityId(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** Postgres keeps microseconds: truncating here makes the event's snapshot equal a later read. */
    static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Task before, Task after) {
        boolean creation = before == null;
        Task b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("title", b.title(), after.title())
                .field("assigneeId", b.assigneeId(), after.assigneeId())
                .field("due", b.due(), after.due())
                .field("status", b.status(), after.status())
                .field("accountId", b.accountId(), after.accountId())
                .field("opportunityId", b.opportunityId(), after.opportunityId());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
