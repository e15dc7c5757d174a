package com.pulse.api.account;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** What a valid account is and how a change applies. Pure, so it is tested without a database. */
final class AccountRules {

    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 100;
    static final int MAX_SHARED = 100;
    static final List<String> TIERS = List.of("A", "B", "C", "D");
    static final List<String> TYPES = List.of("CUSTOMER", "DISTRIBUTOR", "PARTNER");
    static final List<String> STATUSES = List.of("ACTIVE", "INACTIVE");

    private AccountRules() {
    }

    static List<FieldProblem> validate(CreateAccount r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.required("name", r.name(), MAX_NAME, errors);
        checkOptional(r.industry(), r.region(), r.tier(), r.type(), r.sharedWith(), r.status(), errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateAccount r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("name", r.name(), MAX_NAME, errors);
        checkOptional(r.industry(), r.region(), r.tier(), r.type(), r.sharedWith(), r.status(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void checkOptional(String industry, String region, String tier, String type, List<UUID> sharedWith,
                                      String status, List<FieldProblem> errors) {
        Texts.optional("industry", industry, MAX_TEXT, errors);
        Texts.optional("region", region, MAX_TEXT, errors);
        Texts.oneOf("tier", tier, TIERS, errors);
        Texts.oneOf("type", type, TYPES, errors);
        Texts.oneOf("status", status, STATUSES, errors);
        if (sharedWith != null) {
            if (sharedWith.size() > MAX_SHARED) {
                errors.add(new FieldProblem("sharedWith", "must name at most " + MAX_SHARED + " users"));
            } else if (sharedWith.stream().anyMatch(java.util.Objects::isNull)) {
                errors.add(new FieldProblem("sharedWith", "must not contain null"));
            }
        }
    }

    /** Duplicates dropped, first occurrence kept: sharing twice with one user is sharing once. */
    static List<UUID> distinct(List<UUID> ids) {
        return ids == null ? List.of() : List.copyOf(new LinkedHashSet<>(ids));
    }

    /** A new account at version 1; {@code r} has been validated. */
    static Account create(UUID id, CreateAccount r, Instant now) {
        return new Account(id, r.name().strip(), Texts.strip(r.industry()), Texts.strip(r.region()), r.tier(),
                r.type() != null ? r.type() : "CUSTOMER", r.parentAccountId(), r.ownerId(), distinct(r.sharedWith()),
                r.status() != null ? r.status() : "ACTIVE", now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Account update(Account c, UpdateAccount r, Instant now) {
        return new Account(c.id(),
                r.name() != null ? r.name().strip() : c.name(),
                r.industry() != null ? r.industry().strip() : c.industry(),
                r.region() != null ? r.region().strip() : c.region(),
                r.tier() != null ? r.tier() : c.tier(),
                r.type() != null ? r.type() : c.type(),
                r.parentAccountId() != null ? r.parentAccountId() : c.parentAccountId(),
                r.ownerId() != null ? r.ownerId() : c.ownerId(),
                r.sharedWith() != null ? distinct(r.sharedWith()) : c.sharedWith(),
                r.status() != null ? r.status() : c.status(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Account before, Account after) {
        boolean creation = before == null;
        Account b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("name", b.name(), after.name())
                .field("industry", b.industry(), after.industry())
                .field("region", b.region(), after.region())
                .field("tier", b.tier(), after.tier())
                .field("type", b.type(), after.type())
                .field("parentAccountId", b.parentAccountId(), after.parentAccountId())
                .field("ownerId", b.ownerId(), after.ownerId())
                .field("sharedWith", b.sharedWith().isEmpty() ? null : b.sharedWith(),
                        after.sharedWith().isEmpty() ? null : after.sharedWith())
                .field("status", b.status(), after.status());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
