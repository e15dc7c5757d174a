package com.pulse.api.team;

import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/teams/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
public record UpdateTeam(String name, UUID parentId, UUID managerId, Long version) {

    boolean isEmpty() {
        return name == null && parentId == null && managerId == null;
    }
}
