package com.pulse.api.target;

import java.math.BigDecimal;

/**
 * Body of {@code PATCH /api/v1/targets/{id}}. Scope, period and metric identify a target, so only its value
 * changes; a target for another scope, period or metric is a new one (delete and create).
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateTarget(BigDecimal value, Long version) {
}
