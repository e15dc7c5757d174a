package com.pulse.api.auth;

import java.util.List;
import java.util.UUID;

/**
 * What sign-in reads of a user: the hash to check and the claims to issue, {@code managedTeams} being the live teams
 * whose manager they are (empty for none).
 */
record SignInUser(UUID id, String username, List<String> roles, UUID teamId, List<UUID> managedTeams, String locale,
                  String timeZone, boolean active, String passwordHash) {

    @Override
    public String toString() {
        return "SignInUser[id=" + id + "]";
    }
}
