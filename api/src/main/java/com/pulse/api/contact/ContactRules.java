package com.pulse.api.contact;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid contact is and how a change applies. Pure, so it is tested without a database. */
final class ContactRules {

    static final int MAX_NAME = 200;
    static final int MAX_TITLE = 100;
    static final int MAX_EMAIL = 254;
    static final LocalDate MIN_BIRTHDAY = LocalDate.of(1900, 1, 1);
    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all. */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** One @, a local part and a dotted domain, nothing blank or invisible; deliverability is not ours to judge. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    private ContactRules() {
    }

    static List<FieldProblem> validate(CreateContact r, LocalDate today) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.accountId() == null) {
            errors.add(new FieldProblem("accountId", "is required"));
        }
        Texts.required("name", r.name(), MAX_NAME, errors);
        checkOptional(r.title(), r.phone(), r.email(), r.birthday(), today, errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateContact r, LocalDate today) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("name", r.name(), MAX_NAME, errors);
        checkOptional(r.title(), r.phone(), r.email(), r.birthday(), today, errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void checkOptional(String title, String phone, String email, LocalDate birthday, LocalDate today,
                                      List<FieldProblem> errors) {
        Texts.optional("title", title, MAX_TITLE, errors);
        if (phone != null && !E164.matcher(phone).matches()) {
            errors.add(new FieldProblem("phone", "must be in E.164 form, e.g. +8613812345678"));
        }
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldProblem("email", "must be an email address such as li.wei@example.cn"));
        }
        if (birthday != null && (birthday.isBefore(MIN_BIRTHDAY) || birthday.isAfter(today))) {
            errors.add(new FieldProblem("birthday", "must be between " + MIN_BIRTHDAY + " and today"));
        }
    }

    /** A new contact at version 1; {@code r} has been validated. */
    static Contact create(UUID id, CreateContact r, Instant now) {
        return new Contact(id, r.accountId(), r.name().strip(), Texts.strip(r.title()), r.phone(), r.email(), r.birthday(),
                r.ownerId(), now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Contact update(Contact c, UpdateContact r, Instant now) {
        return new Contact(c.id(),
                r.accountId() != null ? r.accountId() : c.accountId(),
                r.name() != null ? r.name().strip() : c.name(),
                r.title() != null ? r.title().strip() : c.title(),
                r.phone() != null ? r.phone() : c.phone(),
                r.email() != null ? r.email() : c.email(),
                r.birthday() != null ? r.birthday() : c.birthday(),
                r.ownerId() != null ? r.ownerId() : c.ownerId(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Contact before, Contact after) {
        boolean creation = before == null;
        Contact b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("accountId", b.accountId(), after.accountId())
                .field("name", b.name(), after.name())
                .field("title", b.title(), after.title())
                .field("phone", b.phone(), after.phone())
                .field("email", b.email(), after.email())
                .field("birthday", b.birthday(), after.birthday())
                .field("ownerId", b.ownerId(), after.ownerId());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
