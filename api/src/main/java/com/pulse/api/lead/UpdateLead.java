package com.pulse.api.lead;

import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/leads/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateLead(
        String source,
        UUID campaignId,
        String company,
        String contactName,
        String title,
        String email,
        String phone,
        String status,
        String disqualifiedReason,
        UUID ownerId,
        Long version) {

    boolean isEmpty() {
        return source == null && campaignId == null && company == null && contactName == null && title == null
                && email == null && phone == null && status == null && disqualifiedReason == null && ownerId == null;
    }
}
