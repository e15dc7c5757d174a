package com.pulse.dashboards.e2e;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One stage of the company funnel, money at presentation scale (2 decimals, HALF_UP) so sources compare. */
record FunnelCell(String stage, long count, BigDecimal amount, BigDecimal weighted) {

    FunnelCell {
        amount = amount.setScale(2, RoundingMode.HALF_UP);
        weighted = weighted.setScale(2, RoundingMode.HALF_UP);
    }

    static FunnelCell empty(String stage) {
        return new FunnelCell(stage, 0, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    static FunnelCell of(String stage, Object count, Object amount, Object weighted) {
        return new FunnelCell(stage, Long.parseLong(String.valueOf(count)),
                new BigDecimal(String.valueOf(amount)), new BigDecimal(String.valueOf(weighted)));
    }

    boolean sameCountAndAmount(long otherCount, BigDecimal otherAmount) {
        return count == otherCount && amount.compareTo(otherAmount.setScale(2, RoundingMode.HALF_UP)) == 0;
    }
}
