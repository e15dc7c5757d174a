package com.pulse.api.lead;

import java.util.UUID;

/** Body of {@code POST /api/v1/leads}. Source and contact name are required; a new lead starts NEW unless told. */
record CreateLead(
        String source,
        UUID campaignId,
        String company,
        String contactName,
        String title,
        String email,
        String phone,
        String status,
        String disqualifiedReason,
        UUID ownerId) {
}
