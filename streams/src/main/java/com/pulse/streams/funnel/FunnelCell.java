package com.pulse.streams.funnel;

import java.math.BigDecimal;

/** The running totals of one (scope, stage) cell. Exact decimals; rounding is for presentation. */
public record FunnelCell(long count, BigDecimal amount, BigDecimal weighted) {

    public static FunnelCell empty() {
        return new FunnelCell(0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    FunnelCell plus(FunnelMember m) {
        return new FunnelCell(count + 1, amount.add(m.amountBase()), weighted.add(m.weighted()));
    }

    FunnelCell minus(FunnelMember m) {
        return new FunnelCell(count - 1, amount.subtract(m.amountBase()), weighted.subtract(m.weighted()));
    }

    /** Cell arithmetic for team roll-ups: a team's cell is the sum of its members' owner cells. */
    public FunnelCell plus(FunnelCell c) {
        return new FunnelCell(count + c.count, amount.add(c.amount), weighted.add(c.weighted));
    }

    public FunnelCell minus(FunnelCell c) {
        return new FunnelCell(count - c.count, amount.subtract(c.amount), weighted.subtract(c.weighted));
    }
}
