package com.pulse.api.team;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a valid team is and how a change applies. Pure, so it is tested without a database. */
final class TeamRules {

    static final int MAX_NAME = 200;

    private TeamRules() {
    }

    static List<FieldProblem> validate(CreateTeam r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.required("name", r.name(), MAX_NAME, errors);
        return errors;
    }

    static List<FieldProblem> validate(UUID id, UpdateTeam r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("name", r.name(), MAX_NAME, errors);
        if (id != null && id.equals(r.parentId())) {
            errors.add(new FieldProblem("parentId", "would make the team its own ancestor"));
        }
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    static Team create(UUID id, CreateTeam r, Instant now) {
        return new Team(id, r.name().strip(), r.parentId(), r.managerId(), now, now, null, 1);
    }

    static Team update(Team c, UpdateTeam r, Instant now) {
        return new Team(c.id(), r.name() != null ? r.name().strip() : c.name(),
                r.parentId() != null ? r.parentId() : c.parentId(),
                r.managerId() != null ? r.managerId() : c.managerId(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    static List<FieldChange> changes(Team before, Team after) {
        boolean creation = before == null;
        Team b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("name", b.name(), after.name())
                .field("parentId", b.parentId(), after.parentId())
                .field("managerId", b.managerId(), after.managerId());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
