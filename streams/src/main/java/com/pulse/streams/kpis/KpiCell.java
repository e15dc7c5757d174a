package com.pulse.streams.kpis;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * What records add to one scope on one day (or "now"): counts and exact sums, nothing derived. A ratio or mean is
 * computed from the summed cells of a period, never stored, so cells can be added and subtracted freely (a record
 * that changes is subtracted with its old contribution and added with its new one).
 *
 * @param wonCycleSeconds Σ (closedAt − createdAt) in seconds of the deals won (for the mean sales cycle)
 * @param tiers           active accounts per tier (only in the "now" bucket)
 */
record KpiCell(long newOpportunities, long won, BigDecimal wonAmount, long wonCycleSeconds, long lost,
               long newLeads, long leadsConverted, long leadsClosed, long activities, long newCustomers,
               BigDecimal openAmount, BigDecimal weighted, Map<String, Long> tiers) {

    static final KpiCell EMPTY = new KpiCell(0, 0, BigDecimal.ZERO, 0, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, Map.of());

    KpiCell {
        wonAmount = wonAmount == null ? BigDecimal.ZERO : wonAmount;
        openAmount = openAmount == null ? BigDecimal.ZERO : openAmount;
        weighted = weighted == null ? BigDecimal.ZERO : weighted;
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
    }

    KpiCell plus(KpiCell o) {
        return combine(o, 1);
    }

    KpiCell minus(KpiCell o) {
        return combine(o, -1);
    }

    private KpiCell combine(KpiCell o, int sign) {
        Map<String, Long> t = new TreeMap<>(tiers);
        o.tiers.forEach((tier, n) -> t.merge(tier, sign * n, Long::sum));
        BigDecimal s = BigDecimal.valueOf(sign);
        return new KpiCell(newOpportunities + sign * o.newOpportunities, won + sign * o.won, wonAmount.add(o.wonAmount.multiply(s)),
                wonCycleSeconds + sign * o.wonCycleSeconds, lost + sign * o.lost, newLeads + sign * o.newLeads,
                leadsConverted + sign * o.leadsConverted, leadsClosed + sign * o.leadsClosed, activities + sign * o.activities,
                newCustomers + sign * o.newCustomers, openAmount.add(o.openAmount.multiply(s)), weighted.add(o.weighted.multiply(s)), t);
    }

    /** True when adding this cell changes nothing. */
    boolean changesNothing() {
        return newOpportunities == 0 && won == 0 && wonAmount.signum() == 0 && wonCycleSeconds == 0 && lost == 0 && newLeads == 0
                && leadsConverted == 0 && leadsClosed == 0 && activities == 0 && newCustomers == 0 && openAmount.signum() == 0
                && weighted.signum() == 0 && tiers.values().stream().allMatch(n -> n == 0);
    }

    static KpiCell newOpportunity() {
        return new KpiCell(1, 0, null, 0, 0, 0, 0, 0, 0, 0, null, null, null);
    }

    static KpiCell wonDeal(BigDecimal amount, long cycleSeconds) {
        return new KpiCell(0, 1, amount, cycleSeconds, 0, 0, 0, 0, 0, 0, null, null, null);
    }

    static KpiCell lostDeal() {
        return new KpiCell(0, 0, null, 0, 1, 0, 0, 0, 0, 0, null, null, null);
    }

    static KpiCell open(BigDecimal amount, BigDecimal weighted) {
        return new KpiCell(0, 0, null, 0, 0, 0, 0, 0, 0, 0, amount, weighted, null);
    }

    static KpiCell newLead() {
        return new KpiCell(0, 0, null, 0, 0, 1, 0, 0, 0, 0, null, null, null);
    }

    static KpiCell leadClosed(boolean converted) {
        return new KpiCell(0, 0, null, 0, 0, 0, converted ? 1 : 0, 1, 0, 0, null, null, null);
    }

    static KpiCell activity() {
        return new KpiCell(0, 0, null, 0, 0, 0, 0, 0, 1, 0, null, null, null);
    }

    static KpiCell newCustomer() {
        return new KpiCell(0, 0, null, 0, 0, 0, 0, 0, 0, 1, null, null, null);
    }

    static KpiCell activeAccount(String tier) {
        return new KpiCell(0, 0, null, 0, 0, 0, 0, 0, 0, 0, null, null, Map.of(tier, 1L));
    }
}
