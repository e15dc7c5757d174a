package com.pulse.api.product;

import java.math.BigDecimal;

/** Body of {@code POST /api/v1/products}. Code, name and list price are required; currency defaults to the base currency. */
record CreateProduct(
        String code,
        String name,
        String category,
        BigDecimal listPrice,
        String currency,
        Boolean active) {
}
