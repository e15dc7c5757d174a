package com.pulse.api.campaign;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** What a valid campaign is and how a change applies. Pure, so it is tested without a database. */
final class CampaignRules {

    static final int MAX_NAME = 200;
    static final List<String> CHANNELS = List.of("EMAIL", "SMS", "EVENT", "WEB", "SOCIAL", "OTHER");
    static final List<String> STATUSES = List.of("PLANNED", "ACTIVE", "COMPLETED", "CANCELLED");
    /** numeric(18, 2): at most 16 digits before the point. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");
    static final LocalDate MIN_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(2100, 12, 31);

    private CampaignRules() {
    }

    static List<FieldProblem> validate(CreateCampaign r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.required("name", r.name(), MAX_NAME, errors);
        if (r.channel() == null) {
            errors.add(new FieldProblem("channel", "is required"));
        }
        checkOptional(r.channel(), r.budget(), r.actualCost(), r.startDate(), r.endDate(), r.status(), errors);
        period(r.startDate(), r.endDate(), errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateCampaign r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("name", r.name(), MAX_NAME, errors);
        checkOptional(r.channel(), r.budget(), r.actualCost(), r.startDate(), r.endDate(), r.status(), errors);
        period(r.startDate(), r.endDate(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    /** The period after a change must still run forwards; checked against the stored dates too. */
    static void period(LocalDate start, LocalDate end, List<FieldProblem> errors) {
        if (start != null && end != null && start.isAfter(end)) {
            errors.add(new FieldProblem("endDate", "must not be before startDate"));
        }
    }

    private static void checkOptional(String channel, BigDecimal budget, BigDecimal actualCost, LocalDate start,
                                      LocalDate end, String status, List<FieldProblem> errors) {
        Texts.oneOf("channel", channel, CHANNELS, errors);
        Texts.oneOf("status", status, STATUSES, errors);
        amount("budget", budget, errors);
        amount("actualCost", actualCost, errors);
        date("startDate", start, errors);
        date("endDate", end, errors);
    }

    static void amount(String field, BigDecimal value, List<FieldProblem> errors) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            errors.add(new FieldProblem(field, "must be at least 0"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldProblem(field, "must have at most 2 decimals"));
        } else if (value.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldProblem(field, "must be at most " + MAX_AMOUNT.toPlainString()));
        }
    }

    private static void date(String field, LocalDate value, List<FieldProblem> errors) {
        if (value != null && (value.isBefore(MIN_DATE) || value.isAfter(MAX_DATE))) {
            errors.add(new FieldProblem(field, "must be between " + MIN_DATE + " and " + MAX_DATE));
        }
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** A new campaign at version 1; {@code r} has been validated. */
    static Campaign create(UUID id, CreateCampaign r, Instant now) {
        return new Campaign(id, r.name().strip(), r.channel(), money(r.budget()), money(r.actualCost()), r.startDate(),
                r.endDate(), r.status() != null ? r.status() : "PLANNED", now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Campaign update(Campaign c, UpdateCampaign r, Instant now) {
        return new Campaign(c.id(),
                r.name() != null ? r.name().strip() : c.name(),
                r.channel() != null ? r.channel() : c.channel(),
                r.budget() != null ? money(r.budget()) : c.budget(),
                r.actualCost() != null ? money(r.actualCost()) : c.actualCost(),
                r.startDate() != null ? r.startDate() : c.startDate(),
                r.endDate() != null ? r.endDate() : c.endDate(),
                r.status() != null ? r.status() : c.status(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Campaign before, Campaign after) {
        boolean creation = before == null;
        Campaign b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("name", b.name(), after.name())
                .field("channel", b.channel(), after.channel())
                .field("budget", plain(b.budget()), plain(after.budget()))
                .field("actualCost", plain(b.actualCost()), plain(after.actualCost()))
                .field("startDate", b.startDate(), after.startDate())
                .field("endDate", b.endDate(), after.endDate())
                .field("status", b.status(), after.status());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }

    private static String plain(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
