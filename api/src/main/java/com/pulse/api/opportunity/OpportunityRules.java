package com.pulse.api.opportunity;

import com.pulse.api.system.FieldProblem;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a valid opportunity is and how a change derives the dependent fields
 * (METRICS.md §Opportunity stages): probability and forecast category default by stage,
 * closing sets closedAt and reopening clears it. Pure, so it is tested without a database.
 */
final class OpportunityRules {

    static final Pipeline PIPELINE = Pipeline.DEFAULT;
    static final int MAX_NAME = 200;
    static final int MAX_LOST_REASON = 500;
    static final String CLOSED_LOST = "CLOSED_LOST";
    /** Leaves room in numeric(18,2) for amount × rate with any rate below 100. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000000000");
    static final LocalDate MIN_DATE = LocalDate.of(2000, 1, 1);
    static final LocalDate MAX_DATE = LocalDate.of(2099, 12, 31);
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    static final List<String> CATEGORIES = List.of("PIPELINE", "BEST_CASE", "COMMIT", "CLOSED", "OMITTED");
    static final List<String> SOURCES = List.of("WEB", "REFERRAL", "EVENT", "CAMPAIGN", "COLD_CALL", "OTHER");
    static final int MAX_COMPETITORS = 10;
    static final int MAX_COMPETITOR = 100;

    private OpportunityRules() {
    }

    static List<FieldProblem> validate(CreateOpportunity r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.name() == null) {
            errors.add(new FieldProblem("name", "is required"));
        } else {
            checkName(r.name(), errors);
        }
        if (r.amount() == null) {
            errors.add(new FieldProblem("amount", "is required"));
        } else {
            checkAmount(r.amount(), errors);
        }
        checkOptional(r.currency(), r.stage(), r.probability(), r.expectedCloseDate(), errors);
        checkDetails(r.forecastCategory(), r.source(), r.competitors(), errors);
        if (r.forecastCategory() != null && CATEGORIES.contains(r.forecastCategory())) {
            PIPELINE.stage(r.stage() != null ? r.stage() : "PROSPECTING")
                    .ifPresent(stage -> checkCategory(stage, r.forecastCategory(), errors));
        }
        return errors;
    }

    static List<FieldProblem> validate(UpdateOpportunity r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.name() != null) {
            checkName(r.name(), errors);
        }
        if (r.amount() != null) {
            checkAmount(r.amount(), errors);
        }
        checkOptional(r.currency(), r.stage(), r.probability(), r.expectedCloseDate(), errors);
        checkDetails(r.forecastCategory(), r.source(), r.competitors(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    /** A stage move: the stage is required; a lost reason only belongs to a move to CLOSED_LOST. */
    static List<FieldProblem> validate(StageMove r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.stage() == null) {
            errors.add(new FieldProblem("stage", "is required"));
        }
        checkOptional(null, r.stage(), r.probability(), null, errors);
        if (r.lostReason() != null) {
            String reason = r.lostReason();
            if (r.stage() != null && !CLOSED_LOST.equals(r.stage())) {
                errors.add(new FieldProblem("lostReason", "only allowed when moving to " + CLOSED_LOST));
            } else if (reason.isBlank()) {
                errors.add(new FieldProblem("lostReason", "must not be blank"));
            } else if (reason.strip().length() > MAX_LOST_REASON) {
                errors.add(new FieldProblem("lostReason", "must be at most " + MAX_LOST_REASON + " characters"));
            } else if (reason.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                errors.add(new FieldProblem("lostReason", "must not contain control characters other than line breaks"));
            }
        }
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        return errors;
    }

    /**
     * METRICS.md: the category defaults by stage and may be overridden on open deals only; an open
     * deal is never CLOSED. Checked against the stage the deal has after the change.
     */
    static void checkCategory(PipelineStage stage, String category, List<FieldProblem> errors) {
        if (!stage.isOpen() && !category.equals(stage.defaultForecastCategory())) {
            errors.add(new FieldProblem("forecastCategory", "a " + stage.name() + " deal is always "
                    + stage.defaultForecastCategory()));
        } else if (stage.isOpen() && category.equals("CLOSED")) {
            errors.add(new FieldProblem("forecastCategory", "only won deals are CLOSED"));
        }
    }

    /** The category check of a PATCH, which needs the stored stage when the PATCH does not move it. */
    static List<FieldProblem> checkCategory(Opportunity current, UpdateOpportunity r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.forecastCategory() != null) {
            PipelineStage to = PIPELINE.stage(r.stage() != null ? r.stage() : current.stage()).orElseThrow();
            checkCategory(to, r.forecastCategory(), errors);
        }
        return errors;
    }

    private static void checkDetails(String category, String source, List<String> competitors, List<FieldProblem> errors) {
        if (category != null && !CATEGORIES.contains(category)) {
            errors.add(new FieldProblem("forecastCategory", "must be one of " + CATEGORIES));
        }
        if (source != null && !SOURCES.contains(source)) {
            errors.add(new FieldProblem("source", "must be one of " + SOURCES));
        }
        if (competitors == null) {
            return;
        }
        if (competitors.size() > MAX_COMPETITORS) {
            errors.add(new FieldProblem("competitors", "must list at most " + MAX_COMPETITORS + " names"));
            return;
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < competitors.size(); i++) {
            String name = competitors.get(i);
            String field = "competitors[" + i + "]";
            if (name == null || name.isBlank()) {
                errors.add(new FieldProblem(field, "must not be blank"));
            } else if (name.strip().length() > MAX_COMPETITOR) {
                errors.add(new FieldProblem(field, "must be at most " + MAX_COMPETITOR + " characters"));
            } else if (name.chars().anyMatch(Character::isISOControl)) {
                errors.add(new FieldProblem(field, "must not contain control characters"));
            } else if (seen.contains(name.strip().toLowerCase(java.util.Locale.ROOT))) {
                errors.add(new FieldProblem(field, "is listed twice"));
            } else {
                seen.add(name.strip().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    static List<String> competitors(List<String> names) {
        return names == null ? null : names.stream().map(String::strip).toList();
    }

    private static void checkName(String name, List<FieldProblem> errors) {
        if (name.isBlank()) {
            errors.add(new FieldProblem("name", "must not be blank"));
        } else if (name.strip().length() > MAX_NAME) {
            errors.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        } else if (name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0)) {
            errors.add(new FieldProblem("name", "must not contain control characters"));
        }
    }

    private static void checkAmount(BigDecimal amount, List<FieldProblem> errors) {
        if (amount.signum() < 0) {
            errors.add(new FieldProblem("amount", "must not be negative"));
        } else if (amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldProblem("amount", "must be at most " + MAX_AMOUNT.toPlainString()));
        } else if (amount.signum() != 0 && amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldProblem("amount", "must have at most 2 decimal places"));
        }
    }

    private static void checkOptional(String currency, String stage, Integer probability, LocalDate expectedCloseDate,
                                      List<FieldProblem> errors) {
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            errors.add(new FieldProblem("currency", "must be a 3-letter ISO 4217 code such as CNY"));
        }
        if (stage != null && PIPELINE.stage(stage).isEmpty()) {
            errors.add(new FieldProblem("stage", "unknown stage; one of " + PIPELINE.names()));
        }
        if (probability != null && (probability < 0 || probability > 100)) {
            errors.add(new FieldProblem("probability", "must be between 0 and 100"));
        }
        if (expectedCloseDate != null && (expectedCloseDate.isBefore(MIN_DATE) || expectedCloseDate.isAfter(MAX_DATE))) {
            errors.add(new FieldProblem("expectedCloseDate", "must be between " + MIN_DATE + " and " + MAX_DATE));
        }
    }

    /** A new opportunity at version 1; {@code r} has been validated and {@code amountBase} converted. */
    static Opportunity create(UUID id, CreateOpportunity r, String currency, BigDecimal amountBase, Instant now) {
        PipelineStage stage = PIPELINE.stage(r.stage() != null ? r.stage() : "PROSPECTING").orElseThrow();
        return new Opportunity(id, r.accountId(), r.ownerId(), r.name().strip(), stage.name(), money(r.amount()), currency,
                amountBase, r.probability() != null ? r.probability() : stage.probability(),
                r.forecastCategory() != null ? r.forecastCategory() : stage.defaultForecastCategory(),
                r.expectedCloseDate(), stage.isOpen() ? null : now, now, now, null, 1, null, r.source(),
                competitors(r.competitors()), List.of());
    }

    /** {@code current} with the change applied, at the next version. */
    static Opportunity update(Opportunity current, UpdateOpportunity r, String currency, BigDecimal amount,
                              BigDecimal amountBase, Instant now) {
        return update(current, r, null, currency, amount, amountBase, now);
    }

    /**
     * As above, with the lost reason of a stage move ({@code lostReason} is only given, and valid,
     * when moving to CLOSED_LOST). Leaving CLOSED_LOST clears the reason; other changes keep it.
     */
    static Opportunity update(Opportunity current, UpdateOpportunity r, String lostReason, String currency, BigDecimal amount,
                              BigDecimal amountBase, Instant now) {
        PipelineStage from = PIPELINE.stage(current.stage()).orElseThrow();
        PipelineStage to = r.stage() != null ? PIPELINE.stage(r.stage()).orElseThrow() : from;
        boolean stageChanged = !to.name().equals(from.name());
        int probability = r.probability() != null ? r.probability()
                : stageChanged ? to.probability() : current.probability();
        Instant closedAt = to.isOpen() ? null : stageChanged ? now : current.closedAt();
        // An explicit category wins; a stage move resets an override to the new stage's default;
        // any other change keeps the category the deal has.
        String category = r.forecastCategory() != null ? r.forecastCategory()
                : stageChanged || !to.isOpen() ? to.defaultForecastCategory() : current.forecastCategory();
        return new Opportunity(current.id(), current.accountId(), current.ownerId(),
                r.name() != null ? r.name().strip() : current.name(), to.name(), amount, currency, amountBase,
                probability, category,
                r.expectedCloseDate() != null ? r.expectedCloseDate() : current.expectedCloseDate(),
                closedAt, current.createdAt(), now, current.deletedAt(), current.version() + 1,
                !to.name().equals(CLOSED_LOST) ? null : lostReason != null ? lostReason.strip()
                        : stageChanged ? null : current.lostReason(),
                r.source() != null ? r.source() : current.source(),
                r.competitors() != null ? competitors(r.competitors()) : current.competitors(),
                current.lines());
    }

    static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    /** One history row: which field went from what to what (text, null when absent). */
    record FieldChange(String field, String oldValue, String newValue) {
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Opportunity before, Opportunity after) {
        List<FieldChange> changes = new ArrayList<>();
        diff(changes, "name", before == null ? null : before.name(), after.name());
        diff(changes, "accountId", before == null ? null : before.accountId(), after.accountId());
        diff(changes, "ownerId", before == null ? null : before.ownerId(), after.ownerId());
        diff(changes, "stage", before == null ? null : before.stage(), after.stage());
        diff(changes, "amount", before == null ? null : before.amount(), after.amount());
        diff(changes, "currency", before == null ? null : before.currency(), after.currency());
        diff(changes, "amountBase", before == null ? null : before.amountBase(), after.amountBase());
        diff(changes, "probability", before == null ? null : before.probability(), after.probability());
        diff(changes, "forecastCategory", before == null ? null : before.forecastCategory(), after.forecastCategory());
        diff(changes, "expectedCloseDate", before == null ? null : before.expectedCloseDate(), after.expectedCloseDate());
        diff(changes, "closedAt", before == null ? null : before.closedAt(), after.closedAt());
        diff(changes, "lostReason", before == null ? null : before.lostReason(), after.lostReason());
        diff(changes, "source", before == null ? null : before.source(), after.source());
        diff(changes, "competitors", before == null ? null : listText(before.competitors()), listText(after.competitors()));
        diff(changes, "lines", before == null ? null : ProductLines.describe(before.lines()), ProductLines.describe(after.lines()));
        if (before != null) {
            // Moving into or out of the recycle bin (a new record is simply not deleted).
            diff(changes, "deleted", before.deletedAt() != null, after.deletedAt() != null);
        }
        return changes;
    }

    private static void diff(List<FieldChange> changes, String field, Object before, Object after) {
        String b = text(before);
        String a = text(after);
        if (!Objects.equals(b, a)) {
            changes.add(new FieldChange(field, b, a));
        }
    }

    /** A list as history text: null when empty, so an empty list on a creation records nothing. */
    private static String listText(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }
}
