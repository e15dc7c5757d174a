package com.pulse.api.opportunity;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * Body of {@code PUT /api/v1/opportunities/{id}/lines}: the complete new list of product lines.
 *
 * @param updateAmount true (the default) sets the amount to the lines' sum when there are lines
 * @param version      the version the client last saw; alternative to {@code If-Match}
 */
record LinesRequest(List<Line> lines, Boolean updateAmount, Long version) {

    /**
     * @param unitPrice       in the opportunity's currency; defaults to the product's list price when the
     *                        product is priced in that currency
     * @param discountPercent 0..100, default 0
     */
    record Line(UUID productId, BigDecimal quantity, BigDecimal unitPrice, BigDecimal discountPercent) {
    }

    boolean amountFollowsLines() {
        return updateAmount == null || updateAmount;
    }
}
