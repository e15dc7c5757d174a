package com.pulse.api.opportunity;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The optional filters of the opportunity list; all given ones must hold.
 *
 * @param q         a case-insensitive substring of the name, matched literally
 * @param closeFrom first expected close date included
 * @param closeTo   last expected close date included
 * @param deleted   true for the recycle bin instead of the live deals
 */
record OpportunityFilter(String stage, UUID ownerId, UUID accountId, String forecastCategory, String source,
                         LocalDate closeFrom, LocalDate closeTo, String q, boolean deleted) {
}
