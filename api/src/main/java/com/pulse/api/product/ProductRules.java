package com.pulse.api.product;

import com.pulse.api.crud.FieldChange;
import com.pulse.api.crud.Texts;
import com.pulse.api.system.FieldProblem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** What a valid product is and how a change applies. Pure, so it is tested without a database. */
final class ProductRules {

    static final int MAX_CODE = 64;
    static final int MAX_NAME = 200;
    static final int MAX_CATEGORY = 100;
    /** Codes are printed on quotes and typed by people: letters, digits and . _ - only, starting with a letter or digit. */
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    /** numeric(18, 2): at most 16 digits before the point. */
    static final BigDecimal MAX_PRICE = new BigDecimal("9999999999999999.99");

    private ProductRules() {
    }

    static List<FieldProblem> validate(CreateProduct r) {
        List<FieldProblem> errors = new ArrayList<>();
        code(r.code(), true, errors);
        Texts.required("name", r.name(), MAX_NAME, errors);
        Texts.optional("category", r.category(), MAX_CATEGORY, errors);
        if (r.listPrice() == null) {
            errors.add(new FieldProblem("listPrice", "is required"));
        }
        price(r.listPrice(), errors);
        currency(r.currency(), errors);
        return errors;
    }

    static List<FieldProblem> validate(UpdateProduct r) {
        List<FieldProblem> errors = new ArrayList<>();
        code(r.code(), false, errors);
        Texts.optional("name", r.name(), MAX_NAME, errors);
        Texts.optional("category", r.category(), MAX_CATEGORY, errors);
        price(r.listPrice(), errors);
        currency(r.currency(), errors);
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        if (r.isEmpty()) {
            errors.add(new FieldProblem("body", "names no field to change"));
        }
        return errors;
    }

    private static void code(String code, boolean required, List<FieldProblem> errors) {
        if (code == null) {
            if (required) {
                errors.add(new FieldProblem("code", "is required"));
            }
            return;
        }
        if (code.length() > MAX_CODE) {
            errors.add(new FieldProblem("code", "must be at most " + MAX_CODE + " characters"));
        } else if (!CODE.matcher(code).matches()) {
            errors.add(new FieldProblem("code", "must be letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
    }

    private static void price(BigDecimal value, List<FieldProblem> errors) {
        if (value == null) {
            return;
        }
        if (value.signum() < 0) {
            errors.add(new FieldProblem("listPrice", "must be at least 0"));
        } else if (value.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldProblem("listPrice", "must have at most 2 decimals"));
        } else if (value.compareTo(MAX_PRICE) > 0) {
            errors.add(new FieldProblem("listPrice", "must be at most " + MAX_PRICE.toPlainString()));
        }
    }

    private static void currency(String value, List<FieldProblem> errors) {
        if (value != null && !CURRENCY.matcher(value).matches()) {
            errors.add(new FieldProblem("currency", "must be an ISO 4217 code such as CNY"));
        }
    }

    static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A new product at version 1; {@code r} has been validated. */
    static Product create(UUID id, CreateProduct r, String currency, Instant now) {
        return new Product(id, r.code(), r.name().strip(), Texts.strip(r.category()), money(r.listPrice()), currency,
                r.active() == null || r.active(), now, now, null, 1);
    }

    /** {@code current} with the change applied, at the next version. */
    static Product update(Product c, UpdateProduct r, Instant now) {
        return new Product(c.id(),
                r.code() != null ? r.code() : c.code(),
                r.name() != null ? r.name().strip() : c.name(),
                r.category() != null ? r.category().strip() : c.category(),
                r.listPrice() != null ? money(r.listPrice()) : c.listPrice(),
                r.currency() != null ? r.currency() : c.currency(),
                r.active() != null ? r.active() : c.active(),
                c.createdAt(), now, c.deletedAt(), c.version() + 1);
    }

    /** The fields that differ between {@code before} (null for a creation) and {@code after}. */
    static List<FieldChange> changes(Product before, Product after) {
        boolean creation = before == null;
        Product b = creation ? after : before;
        FieldChange.Diff diff = FieldChange.Diff.of(creation)
                .field("code", b.code(), after.code())
                .field("name", b.name(), after.name())
                .field("category", b.category(), after.category())
                .field("listPrice", b.listPrice().toPlainString(), after.listPrice().toPlainString())
                .field("currency", b.currency(), after.currency())
                .field("active", b.active(), after.active());
        if (!creation) {
            diff.field("deleted", b.deleted(), after.deleted());
        }
        return diff.changes();
    }
}
