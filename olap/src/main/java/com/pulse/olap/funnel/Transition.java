package com.pulse.olap.funnel;

import java.time.Instant;

/** One stored stage transition of an opportunity (a row of {@code stage_transitions}, latest version by FINAL). */
record Transition(String opportunityId, long version, String fromStage, String toStage, int toStageOrder, Instant at) {
}
