package com.pulse.streams.funnel;

import java.math.BigDecimal;

/** The running totals of one (scope, stage) cell. Exact decimals; rounding is for presentation. */
record FunnelCell(long count, BigDecimal amount, BigDecimal weighted) {

    static FunnelCell empty() {
        return new FunnelCell(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    FunnelCell plus(FunnelMember m) {
        return new FunnelCell(count + 1, amount.add(m.amountBase()), weighted.add(m.weighted()));
    }

    FunnelCell minus(FunnelMember m) {
        return new FunnelCell(count - 1, amount.subtract(m.amountBase()), weighted.subtract(m.weighted()));
    }
}
