package com.pulse.api.lead;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid lead is, which status moves are allowed and how a change applies. Pure, so it is tested without a database. */
final class LeadRules {

    static final int MAX_NAME = 200;
    static final int MAX_TITLE = 100;
    static final int MAX_EMAIL = 254;
    static final int MAX_REASON = 500;
    static final List<String> SOURCES = List.of("WEB", "REFERRAL", "EVENT", "CAMPAIGN", "COLD_CALL", "OTHER");
    /** The statuses a client may set; CONVERTED is reached only through the conversion. */
    static final List<String> SETTABLE = List.of("NEW", "WORKING", "QUALIFIED", "DISQUALIFIED");
    static final List<String> STATUSES = List.of("NEW", "WORKING", "QUALIFIED", "DISQUALIFIED", "CONVERTED");
    /** Where a lead may go from each status; a disqualified lead may be reopened. CONVERTED is final. */
    static final Map<String, Set<String>> MOVES = Map.of(
            "NEW", Set.of("WORKING", "QUALIFIED", "DISQUALIFIED"),
            "WORKING", Set.of("NEW", "QUALIFIED", "DISQUALIFIED"),
            "QUALIFIED", Set.of("WORKING", "DISQUALIFIED"),
            "DISQUALIFIED", Set.of("NEW", "WORKING"),
            "CONVERTED", Set.of());
    /** The statuses a conversion starts from. */
    static final Set<String> CONVERTIBLE = Set.of("NEW", "WORKING", "QUALIFIED");
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}.]+(\\.[^@\\s\\p{Cntrl}.]+)+");

    private LeadRules() {
    }

    static List<FieldProblem> validate(CreateLead r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.source() == null) {
            errors.add(new FieldProblem("source", "is required"));
        }
        Texts.required("contactName", r.contactName(), MAX_NAME, errors);
        checkOptional(r.source(), r.company(), r.title(), r.email(), r.phone(), r.status(), r.disqualifiedReason(), errors);
        if (r.disqualifiedReason() != null && !"DISQUALIFIED".equals(r.status())) {
            errors.add(new FieldProblem("disqualifiedReason", "is only allowed with status DISQUALIFIED"));
        }
        return errors;
    }

    static List<FieldProblem> validate(UpdateLead r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("contactName", r.contactName(), MAX_NAME, errors);
        checkOptional(r.source(), r.company(), r.title(), r.email(), r.phone(), r.status(), r.disqualifiedReason(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void checkOptional(String source, String company, String title, String email, String phone, String status,
                                      String reason, List<FieldProblem> errors) {
        Texts.oneOf("source", source, SOURCES, errors);
        Texts.optional("company", company, MAX_NAME, errors);
        Texts.optional("title", title, MAX_TITLE, errors);
        Texts.optional("disqualifiedReason", reason, MAX_REASON, errors);
        if (phone != null && !E164.matcher(phone).matches()) {
            errors.add(new FieldProblem("phone", "must be in E.164 form, e.g. +8613812345678"));
        }
        if (email != null && (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches())) {
            errors.add(new FieldProblem("email", "must be an email address such as li.wei@example.cn"));
        }
        if (status != null && !SETTABLE.contains(status)) {
            errors.add(new FieldProblem("status", status.equals("CONVERTED")
                    ? "CONVERTED is set only by POST /api/v1/leads/{id}/convert" : "must be one of " + SETTABLE));
        }
    }

    static List<FieldProblem> validate(ConvertLead r) {
        List<FieldProblem> errors = new ArrayList<>();
        Texts.optional("accountName", r.accountName(), MAX_NAME, errors);
        if (r.accountName() != null && r.existingAccountId() != null) {
            errors.add(new FieldProblem("existingAccountId", "cannot be combined with accountName"));
        }
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        return errors;
    }

    /** A new lead at version 1; {@code r} has been validated. */
    static Lead create(UUID id, CreateLead r, Instant now) {
        String status = r.status() != null ? r.status() : "NEW";
        return new Lead(id, r.source(), r.campaignId(), Texts.strip(r.company()), r.contactName().strip(), Texts.strip(r.title()),
                r.email(), r.phone(), status, Texts.strip(r.disqualifiedReason()), null, null, null, null, r.ownerId(),
                now, now, null, 1);
    }

    /**
     * {@code current} with the change applied, at the next version, or the problems of the status move: only the
     * allowed moves; a reason only while DISQUALIFIED (kept by later edits, cleared when the lead leaves it).
     */
    static Lead update(Lead c, UpdateLead r, Instant now, List<FieldProblem> errors) {
        String status = r.status() != null ? r.status() : c.status();
        if (!status.equals(c.status()) && !MOVES.get(c.status()).contains(status)) {
            errors.add(new FieldProblem("status", "cannot move from " + c.status() + " to " + status));
        }
        String reason = c.disqualifiedReason();
        if (r.disqualifiedReason() != null) {
            if (!status.equals("DISQUALIFIED")) {
                errors.add(new FieldProblem("disqualifiedReason", "is only allowed with status DISQUALIFIED"));
            }
            reason = r.disqualifiedReason().strip();
        }
        if (!status.equals("DISQUALIFIED")) {
            reason = null;
        }
        return new Lead(c.id(),
                r.source() != null ? r.source() : c.source(),
                r.campaignId() != null ? r.campaignId() : c.campaignId(),
                r.company() != null ? r.company().strip() : c.company(),
                r.contactName() != null ? r.contactName().strip() : c.contactName(),
                r.title() != null ? r.title().strip() : c.title(),
                r.email() != null ? r.email() : c.email(),
                r.phone() != null ? r.phone() : c.phone(),
                status, reason, c.convertedAt(), c.convertedAccountId(), c.convertedContactId(), c.convertedOpportunityId(),
                r.ownerId() != null ? r.ownerId() : c.ownerId(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Lead before, Lead after) {
        boolean creation = before == null;
        Lead b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("source", b.source(), after.source())
                .field("campaignId", b.campaignId(), after.campaignId())
                .field("company", b.company(), after.company())
                .field("contactName", b.contactName(), after.contactName())
                .field("title", b.title(), after.title())
                .field("email", b.email(), after.email())
                .field("phone", b.phone(), after.phone())
                .field("status", b.status(), after.status())
                .field("disqualifiedReason", b.disqualifiedReason(), after.disqualifiedReason())
                .field("convertedAt", b.convertedAt(), after.convertedAt())
                .field("convertedAccountId", b.convertedAccountId(), after.convertedAccountId())
                .field("convertedContactId", b.convertedContactId(), after.convertedContactId())
                .field("convertedOpportunityId", b.convertedOpportunityId(), after.convertedOpportunityId())
                .field("ownerId", b.ownerId(), after.ownerId());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
