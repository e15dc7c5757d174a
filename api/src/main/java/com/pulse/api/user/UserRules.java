package com.pulse.api.user;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid user is and how a change applies. Pure, so it is tested without a database. */
final class UserRules {

    static final int MAX_NAME = 200;
    static final int MAX_EMAIL = 254;
    static final int MIN_PASSWORD = 10;
    /** BCrypt reads at most 72 bytes; a longer password would be silently truncated, so it is refused. */
    static final int MAX_PASSWORD_BYTES = 72;
    static final List<String> ROLES = List.of("ADMIN", "EXECUTIVE", "MANAGER", "REP", "ANALYST");
    static final List<String> LOCALES = List.of("zh-CN", "en");
    static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    private UserRules() {
    }

    static List<FieldProblem> validate(CreateUser r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.username() == null) {
            errors.add(new FieldProblem("username", "is required"));
        }
        Texts.required("name", r.name(), MAX_NAME, errors);
        if (r.email() == null) {
            errors.add(new FieldProblem("email", "is required"));
        }
        if (r.roles() == null) {
            errors.add(new FieldProblem("roles", "is required"));
        }
        checkOptional(r.username(), r.email(), r.mobile(), r.locale(), r.timeZone(), r.roles(), errors);
        password(r.password(), errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateUser r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("name", r.name(), MAX_NAME, errors);
        checkOptional(r.username(), r.email(), r.mobile(), r.locale(), r.timeZone(), r.roles(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    static List<FieldProblem> validate(SetPassword r) {
        List<FieldProblem> errors = new ArrayList<>();
        password(r.password(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        return errors;
    }

    private static void password(String password, List<FieldProblem> errors) {
        if (password == null) {
            errors.add(new FieldProblem("password", "is required"));
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            errors.add(new FieldProblem("password", "must be at least " + MIN_PASSWORD + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.add(new FieldProblem("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes (UTF-8)"));
        } else if (password.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldProblem("password", "must not contain control characters"));
        }
    }

    private static void checkOptional(String username, String email, String mobile, String locale, String timeZone,
                                      List<String> roles, List<FieldProblem> errors) {
        if (username != null && !USERNAME.matcher(username).matches()) {
            errors.add(new FieldProblem("username", "must be 3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldProblem("email", "must be an email address of at most " + MAX_EMAIL + " characters"));
        }
        if (mobile != null && !E164.matcher(mobile).matches()) {
            errors.add(new FieldProblem("mobile", "must be an E.164 number, e.g. +8613800138000"));
        }
        Texts.oneOf("locale", locale, LOCALES, errors);
        if (timeZone != null && !ZONES.contains(timeZone)) {
            errors.add(new FieldProblem("timeZone", "must be an IANA time zone id, e.g. Asia/Shanghai"));
        }
        if (roles != null) {
            if (roles.isEmpty()) {
                errors.add(new FieldProblem("roles", "must name at least one role"));
            } else if (roles.size() > ROLES.size() * 2 || roles.stream().anyMatch(r -> r == null || !ROLES.contains(r))) {
                errors.add(new FieldProblem("roles", "must be a subset of " + ROLES));
            }
        }
    }

    /** The roles once each, in the canonical order. */
    static List<String> roles(List<String> roles) {
        return ROLES.stream().filter(roles::contains).toList();
    }

    /** A new user at version 1; {@code r} has been validated, {@code hash} is the BCrypt hash of its password. */
    static User create(UUID id, CreateUser r, String defaultZone, String hash, Instant now) {
        return new User(id, r.username(), r.name().strip(), r.email().toLowerCase(Locale.ROOT), r.mobile(),
                r.locale() != null ? r.locale() : "zh-CN", r.timeZone() != null ? r.timeZone() : defaultZone,
                roles(r.roles()), r.teamId(), r.active() == null || r.active(), hash, now, now, null, 1);
    }

    static User update(User c, UpdateUser r, Instant now) {
        return new User(c.id(),
                r.username() != null ? r.username() : c.username(),
                r.name() != null ? r.name().strip() : c.name(),
                r.email() != null ? r.email().toLowerCase(Locale.ROOT) : c.email(),
                r.mobile() != null ? r.mobile() : c.mobile(),
                r.locale() != null ? r.locale() : c.locale(),
                r.timeZone() != null ? r.timeZone() : c.timeZone(),
                r.roles() != null ? roles(r.roles()) : c.roles(),
                r.teamId() != null ? r.teamId() : c.teamId(),
                r.active() != null ? r.active() : c.active(),
                c.passwordHash(), c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** Changed fields; a password change is recorded as such, never with the hash. */
    static List<FieldChange> changes(User before, User after) {
        boolean creation = before == null;
        User b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("username", b.username(), after.username())
                .field("name", b.name(), after.name())
                .field("email", b.email(), after.email())
                .field("mobile", b.mobile(), after.mobile())
                .field("locale", b.locale(), after.locale())
                .field("timeZone", b.timeZone(), after.timeZone())
                .field("roles", b.roles(), after.roles())
                .field("teamId", b.teamId(), after.teamId())
                .field("active", b.active(), after.active());
        if (creation) {
            diff.field("password", null, after.passwordHash() == null ? null : "set");
        } else {
            if (!Objects.equals(b.passwordHash(), after.passwordHash())) {
                diff.field("password", null, "changed");
            }
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
