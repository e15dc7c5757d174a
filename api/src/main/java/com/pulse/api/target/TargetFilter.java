package com.pulse.api.target;

import java.util.UUID;

/** The optional filters of the target list; {@code q} is the start of the period (q=2027: the year, its quarters and months). */
record TargetFilter(String scopeType, UUID scopeId, String periodType, String period, String metric, String q) {
}
