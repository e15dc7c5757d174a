package com.pulse.api.contact;

import java.util.UUID;

/** The optional filters of the contact list; {@code q} is a case-insensitive substring of the name. */
record ContactFilter(UUID accountId, UUID ownerId, String q) {
}
