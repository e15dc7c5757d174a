package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.api.product.Product;
import com.pulse.events.OpportunityLine;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProductLinesTests {

    private static final Instant NOW = Instant.parse("2026-11-28T01:00:00Z");

    private static Product product(String code, String price, String currency, boolean active) {
        return new Product(UUID.randomUUID(), code, code + " name", "Cat", new BigDecimal(price), currency, active, NOW, NOW, null, 1);
    }

    @ParameterizedTest(name = "{0} × {1} − {2}% = {3}")
    @CsvSource({
            "1, 0.01, 50, 0.01",        // 0.005 rounds half up
            "3, 0.01, 50, 0.02",        // 0.015 rounds half up
            "0.3333, 3.00, 0, 1.00",    // 0.9999
            "2.5, 4000.00, 12.5, 8750.00",
            "1000000000, 1.99, 0, 1990000000.00",
            "7, 19.99, 100, 0.00"})
    void aLineIsQuantityTimesPriceLessDiscountRoundedOnceToCents(String q, String price, String discount, String expected) {
        assertThat(ProductLines.amount(new BigDecimal(q), new BigDecimal(price), new BigDecimal(discount)))
                .isEqualTo(new BigDecimal(expected));
    }

    @Test
    void theListPriceIsTheDefaultOnlyInTheDealsCurrencyAndRetiredProductsMayOnlyStay() {
        Product cny = product("A", "10.00", "CNY", true);
        Product usd = product("B", "10.00", "USD", true);
        Product retired = product("C", "5.00", "CNY", false);
        Map<UUID, Product> found = Map.of(cny.id(), cny, usd.id(), usd, retired.id(), retired);
        List<LinesRequest.Line> request = List.of(
                new LinesRequest.Line(cny.id(), new BigDecimal("3"), null, null),
                new LinesRequest.Line(usd.id(), new BigDecimal("1"), null, null),
                new LinesRequest.Line(retired.id(), new BigDecimal("1"), null, null),
                new LinesRequest.Line(UUID.randomUUID(), new BigDecimal("1"), null, null));

        ProductLines.Built fresh = ProductLines.build(request, found, "CNY", List.of());
        assertThat(fresh.problems()).extracting(p -> p.field())
                .containsExactly("lines[1].unitPrice", "lines[2].productId", "lines[3].productId");

        List<OpportunityLine> current = List.of(new OpportunityLine(retired.id(), "C", "C name", "Cat", BigDecimal.ONE,
                new BigDecimal("5.00"), BigDecimal.ZERO, new BigDecimal("5.00")));
        ProductLines.Built kept = ProductLines.build(List.of(request.get(0), request.get(2)), found, "CNY", current);
        assertThat(kept.problems()).isEmpty();
        assertThat(kept.total()).isEqualTo(new BigDecimal("35.00"));
        assertThat(kept.lines().get(0).quantity()).hasToString("3.0000");
        assertThat(ProductLines.describe(kept.lines())).isEqualTo("A 3 × 10.00 = 30.00; C 1 × 5.00 = 5.00");
    }
}
