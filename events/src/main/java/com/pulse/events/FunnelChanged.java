package com.pulse.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One cell of the snapshot funnel (METRICS.md §Funnel) after a change:
 * the open opportunities of a scope in a stage.
 *
 * @param scopeType {@code COMPANY}, {@code TEAM} or {@code OWNER}
 * @param scopeId   {@code company} for the company scope, else the team or user id
 * @param count     number of open opportunities in the stage
 * @param amount    Σ amountBase
 * @param weighted  Σ amountBase × probability / 100
 * @param at        when the cell changed (stream time of the change that moved it)
 */
public record FunnelChanged(
        String scopeType,
        String scopeId,
        String stage,
        long count,
        BigDecimal amount,
        BigDecimal weighted,
        Instant at) {

    public static final String COMPANY = "COMPANY";
    public static final String TEAM = "TEAM";
    public static final String OWNER = "OWNER";

    /** The Kafka key of a funnel cell. */
    public static String key(String scopeType, String scopeId, String stage) {
        return scopeType + ":" + scopeId + ":" + stage;
    }

    public String key() {
        return key(scopeType, scopeId, stage);
    }
}
