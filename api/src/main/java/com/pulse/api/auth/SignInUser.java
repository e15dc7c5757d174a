package com.pulse.api.auth;

import java.util.List;
import java.util.UUID;

/** What sign-in reads of a user: the hash to check and the claims to issue. */
record SignInUser(UUID id, String username, List<String> roles, UUID teamId, String locale, String timeZone,
                  boolean active, String passwordHash) {

    @Override
    public String toString() {
        return "SignInUser[id=" + id + "]";
    }
}
