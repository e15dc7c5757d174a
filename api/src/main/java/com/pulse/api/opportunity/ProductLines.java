package com.pulse.api.opportunity;

import com.pulse.api.product.Product;
import com.pulse.api.system.FieldProblem;
import com.pulse.events.OpportunityLine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** What valid product lines are and what they add up to. Pure, so it is tested without a database. */
final class ProductLines {

    static final int MAX_LINES = 100;
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");
    static final BigDecimal HUNDRED = new BigDecimal("100");

    private ProductLines() {
    }

    /** Checks the request's shape; products are checked by {@link #build} once they are read. */
    static List<FieldProblem> validate(LinesRequest r) {
        List<FieldProblem> errors = new ArrayList<>();
        if (r.lines() == null) {
            errors.add(new FieldProblem("lines", "is required ([] removes every line)"));
            return errors;
        }
        if (r.lines().size() > MAX_LINES) {
            errors.add(new FieldProblem("lines", "must hold at most " + MAX_LINES + " lines"));
            return errors;
        }
        for (int i = 0; i < r.lines().size(); i++) {
            LinesRequest.Line line = r.lines().get(i);
            String at = "lines[" + i + "].";
            if (line == null) {
                errors.add(new FieldProblem("lines[" + i + "]", "must be an object"));
                continue;
            }
            if (line.productId() == null) {
                errors.add(new FieldProblem(at + "productId", "is required"));
            }
            BigDecimal q = line.quantity();
            if (q == null) {
                errors.add(new FieldProblem(at + "quantity", "is required"));
            } else if (q.signum() <= 0) {
                errors.add(new FieldProblem(at + "quantity", "must be more than 0"));
            } else if (q.compareTo(MAX_QUANTITY) > 0) {
                errors.add(new FieldProblem(at + "quantity", "must be at most " + MAX_QUANTITY.toPlainString()));
            } else if (q.stripTrailingZeros().scale() > 4) {
                errors.add(new FieldProblem(at + "quantity", "must have at most 4 decimal places"));
            }
            BigDecimal p = line.unitPrice();
            if (p != null) {
                if (p.signum() < 0) {
                    errors.add(new FieldProblem(at + "unitPrice", "must not be negative"));
                } else if (p.compareTo(OpportunityRules.MAX_AMOUNT) > 0) {
                    errors.add(new FieldProblem(at + "unitPrice", "must be at most " + OpportunityRules.MAX_AMOUNT.toPlainString()));
                } else if (p.signum() != 0 && p.stripTrailingZeros().scale() > 2) {
                    errors.add(new FieldProblem(at + "unitPrice", "must have at most 2 decimal places"));
                }
            }
            BigDecimal d = line.discountPercent();
            if (d != null && (d.signum() < 0 || d.compareTo(HUNDRED) > 0)) {
                errors.add(new FieldProblem(at + "discountPercent", "must be between 0 and 100"));
            } else if (d != null && d.signum() != 0 && d.stripTrailingZeros().scale() > 2) {
                errors.add(new FieldProblem(at + "discountPercent", "must have at most 2 decimal places"));
            }
        }
        if (r.version() != null && r.version() < 1) {
            errors.add(new FieldProblem("version", "must be at least 1"));
        }
        return errors;
    }

    /** The lines, or the problems found with their products. */
    record Built(List<OpportunityLine> lines, List<FieldProblem> problems) {

        BigDecimal total() {
            return lines.stream().map(OpportunityLine::amount).reduce(new BigDecimal("0.00"), BigDecimal::add);
        }
    }

    /**
     * @param products the live products the request names, by id (missing ones are unknown)
     * @param currency the opportunity's currency
     * @param current  the lines the deal has now: a product that is no longer sold may stay on it
     */
    static Built build(List<LinesRequest.Line> requested, Map<UUID, Product> products, String currency,
                       List<OpportunityLine> current) {
        Set<UUID> alreadyOn = current.stream().map(OpportunityLine::productId).collect(Collectors.toSet());
        List<OpportunityLine> lines = new ArrayList<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            LinesRequest.Line line = requested.get(i);
            String at = "lines[" + i + "].";
            Product product = products.get(line.productId());
            if (product == null) {
                problems.add(new FieldProblem(at + "productId", "unknown product"));
                continue;
            }
            if (!product.active() && !alreadyOn.contains(product.id())) {
                problems.add(new FieldProblem(at + "productId", "product " + product.code() + " is no longer sold"));
                continue;
            }
            BigDecimal unitPrice = line.unitPrice();
            if (unitPrice == null) {
                if (!product.currency().equals(currency)) {
                    problems.add(new FieldProblem(at + "unitPrice", "is required: product " + product.code() + " is priced in "
                            + product.currency() + ", the opportunity in " + currency));
                    continue;
                }
                unitPrice = product.listPrice();
            }
            BigDecimal quantity = line.quantity().setScale(4, RoundingMode.UNNECESSARY);
            BigDecimal discount = line.discountPercent() == null ? new BigDecimal("0.00")
                    : line.discountPercent().setScale(2, RoundingMode.UNNECESSARY);
            BigDecimal price = unitPrice.setScale(2, RoundingMode.UNNECESSARY);
            lines.add(new OpportunityLine(product.id(), product.code(), product.name(), product.category(), quantity, price,
                    discount, amount(quantity, price, discount)));
        }
        Built built = new Built(List.copyOf(lines), problems);
        if (problems.isEmpty() && built.total().compareTo(OpportunityRules.MAX_AMOUNT) > 0) {
            problems.add(new FieldProblem("lines", "add up to more than " + OpportunityRules.MAX_AMOUNT.toPlainString()));
        }
        return built;
    }

    /** quantity × unitPrice × (1 − discount/100), half-up to cents: exact up to the one rounding. */
    static BigDecimal amount(BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
        return quantity.multiply(unitPrice).multiply(HUNDRED.subtract(discountPercent))
                .divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }

    /** The lines as one history value, e.g. {@code SRV-100 2.5 × 4000.00 −12.5% = 8750.00}; null for none. */
    static String describe(List<OpportunityLine> lines) {
        if (lines.isEmpty()) {
            return null;
        }
        return lines.stream().map(l -> l.productCode() + " " + l.quantity().stripTrailingZeros().toPlainString() + " × "
                        + l.unitPrice().toPlainString()
                        + (l.discountPercent().signum() == 0 ? "" : " −" + l.discountPercent().stripTrailingZeros().toPlainString() + "%")
                        + " = " + l.amount().toPlainString())
                .collect(Collectors.joining("; "));
    }
}
