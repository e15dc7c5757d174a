package com.pulse.events;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * One product line of an opportunity. Code, name and category are copied from the catalogue when
 * the line is written, so the line keeps saying what was offered after the product changes.
 *
 * @param quantity        more than 0, up to 4 decimals (hours, metres, seats)
 * @param unitPrice       per unit in the opportunity's currency, 2 decimals
 * @param discountPercent 0..100, up to 2 decimals
 * @param amount          quantity × unitPrice × (1 − discountPercent/100), rounded half-up to 2 decimals
 */
public record OpportunityLine(
        UUID productId,
        String productCode,
        String productName,
        String category,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal discountPercent,
        BigDecimal amount) {
}
