package com.pulse.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProductEventsTests {

    private static final Instant NOW = Instant.parse("2026-11-27T10:15:30.123456Z");

    @Test
    void aProductEventRoundTripsWithItsExactPriceAndDecodesByType() {
        UUID id = UUID.randomUUID();
        var event = new ProductChanged(UUID.randomUUID(), id, 2, Operation.UPDATED, "admin", NOW,
                new ProductSnapshot(id, "SRV-100", "服务器 Rack 100", "Hardware", new BigDecimal("99999999999999.90"), "CNY",
                        true, NOW, NOW, false, 2));

        DomainEvent decoded = CloudEventCodec.decode(CloudEventCodec.encode(event, "/pulse/api"));

        assertThat(decoded).isEqualTo(event);
        assertThat(((ProductChanged) decoded).snapshot().listPrice()).hasToString("99999999999999.90");
        assertThat(Topics.ALL).contains(Topics.PRODUCTS);
        assertThat(Topics.PRODUCTS.name()).isEqualTo("crm.products.v1");
    }
}
