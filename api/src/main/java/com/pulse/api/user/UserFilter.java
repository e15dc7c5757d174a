package com.pulse.api.user;

import java.util.UUID;

/** The optional filters of the user list; {@code q} is a case-insensitive substring of name or username. */
record UserFilter(UUID teamId, String role, Boolean active, String q) {
}
