package com.pulse.api.campaign;

/** The optional filters of the campaign list; {@code q} is a case-insensitive substring of the name. */
record CampaignFilter(String channel, String status, String q) {
}
