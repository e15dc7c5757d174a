package com.pulse.api.product;

import java.math.BigDecimal;

/**
 * Body of {@code PATCH /api/v1/products/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateProduct(
        String code,
        String name,
        String category,
        BigDecimal listPrice,
        String currency,
        Boolean active,
        Long version) {

    boolean isEmpty() {
        return code == null && name == null && category == null && listPrice == null && currency == null && active == null;
    }
}
