package com.pulse.olap.query;

import java.math.BigDecimal;

/**
 * The additive figures every measure is computed from, for one group of facts. Being sums and counts, the
 * components of a subtotal are the sums of its cells' components: the compiler groups at the finest level
 * only and the matrix rolls up in Java, the same on every ClickHouse version (no ROLLUP rows to tell apart).
 *
 * @param count       facts
 * @param amount      Σ amount_base
 * @param weightedRaw Σ amount_base × probability (÷ 100 is done when the measure is presented, exactly)
 * @param won         facts in the won stage
 * @param lost        facts in the lost stage
 */
public record Components(long count, BigDecimal amount, BigDecimal weightedRaw, long won, long lost) {

    public static final Components ZERO = new Components(0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0);

    public Components plus(Components other) {
        return new Components(count + other.count, amount.add(other.amount), weightedRaw.add(other.weightedRaw),
                won + other.won, lost + other.lost);
    }
}
