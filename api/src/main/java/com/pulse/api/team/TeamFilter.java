package com.pulse.api.team;

import java.util.UUID;

/** The optional filters of the team list; {@code q} is a case-insensitive substring of the name. */
record TeamFilter(UUID parentId, UUID managerId, String q) {
}
