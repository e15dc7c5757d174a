package com.pulse.api.opportunity;

/**
 * Body of {@code POST /api/v1/opportunities/{id}/stage}: the stage move of issue 3, with the same
 * rules as a PATCH of the stage (probability and forecast category default by stage, won/lost set closedAt).
 *
 * @param lostReason only with {@code CLOSED_LOST}
 * @param version    the version the client last saw; alternative to {@code If-Match}
 */
record StageMove(String stage, Integer probability, String lostReason, Long version) {

    UpdateOpportunity asUpdate() {
        return new UpdateOpportunity(null, stage, null, null, probability, null, version);
    }
}
