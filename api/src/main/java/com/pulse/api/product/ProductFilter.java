package com.pulse.api.product;

/** The optional filters of the product list; {@code q} is a case-insensitive substring of the name or the code. */
record ProductFilter(String category, Boolean active, String q) {
}
