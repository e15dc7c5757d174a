package com.pulse.notifier.builtin;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The company's calendar and money, as METRICS.md counts them: periods are days of {@code pulse.company.time-zone},
 * amounts are in {@code pulse.company.base-currency}.
 */
@Component
public class Company {

    private final ZoneId zone;
    private final String baseCurrency;

    Company(@Value("${pulse.company.time-zone}") String zone, @Value("${pulse.company.base-currency}") String baseCurrency) {
        this.zone = ZoneId.of(zone);
        this.baseCurrency = baseCurrency;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant the company's {@code day} begins. */
    public Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** {@code 1,234,567.50 CNY}. */
    public String money(BigDecimal amount) {
        return amount(amount) + " " + baseCurrency;
    }

    /** {@code 1,234,567.50}. */
    public String amount(BigDecimal amount) {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }
}
