package com.pulse.api.target;

import java.math.BigDecimal;
import java.util.UUID;

/** Body of {@code POST /api/v1/targets}; every field is required. */
public record CreateTarget(
        String scopeType,
        UUID scopeId,
        String periodType,
        String period,
        String metric,
        BigDecimal value) {
}
