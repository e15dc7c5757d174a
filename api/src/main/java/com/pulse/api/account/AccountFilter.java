package com.pulse.api.account;

import java.util.UUID;

/** The optional filters of the account list; {@code q} is a case-insensitive substring of the name. */
record AccountFilter(String tier, String industry, String region, UUID ownerId, String type, String status, String q) {
}
