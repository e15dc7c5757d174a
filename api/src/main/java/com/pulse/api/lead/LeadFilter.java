package com.pulse.api.lead;

import java.util.UUID;

/** The optional filters of the lead list; {@code q} is a case-insensitive substring of the contact name or company. */
record LeadFilter(String status, String source, UUID campaignId, UUID ownerId, String q) {
}
