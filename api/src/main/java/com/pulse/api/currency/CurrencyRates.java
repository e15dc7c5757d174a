package com.pulse.api.currency;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Converts amounts into the company's base currency with the rate in force on a day
 * (METRICS.md: amountBase is fixed at write time). Reads the rate table every time: it is
 * tiny, and reading inside the caller's transaction keeps a write consistent with the rate it used.
 */
@Component
public class CurrencyRates {

    private final DatabaseClient db;

    CurrencyRates(DatabaseClient db) {
        this.db = db;
    }

    /** The rate of {@code currency} on {@code day}; empty when the currency is unknown. */
    public Mono<BigDecimal> rate(String currency, LocalDate day) {
        return db.sql("""
                        SELECT rate_to_base FROM currency_rates
                        WHERE currency = :currency AND valid_from <= :day
                        ORDER BY valid_from DESC LIMIT 1""")
                .bind("currency", currency)
                .bind("day", day)
                .map(row -> row.get("rate_to_base", BigDecimal.class))
                .one();
    }

    /** {@code amount} in the base currency, 2 decimals, half-up; empty when the currency is unknown. */
    public Mono<BigDecimal> toBase(BigDecimal amount, String currency, LocalDate day) {
        return rate(currency, day).map(rate -> convert(amount, rate));
    }

    static BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(2, RoundingMode.HALF_UP);
    }
}
