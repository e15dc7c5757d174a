package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The full state of a catalogue product after a change, as the API stored it. Opportunity
 * product lines refer to it; its category is a pivot dimension.
 *
 * @param code      the company's own product code, unique among live and binned products
 * @param category  free text grouping (e.g. "Hardware"), or null
 * @param listPrice price per unit before discounts, 2 decimals, in {@code currency}
 * @param currency  ISO 4217 code of the list price
 * @param active    false for products that can no longer be added to opportunities
 * @param deleted   true while the product is in the recycle bin
 */
public record ProductSnapshot(
        UUID id,
        String code,
        String name,
        String category,
        BigDecimal listPrice,
        String currency,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {
}
