package com.pulse.api.team;

import java.util.UUID;

/** Body of {@code POST /api/v1/teams}. Only name is required. */
public record CreateTeam(String name, UUID parentId, UUID managerId) {
}
