package com.pulse.api.user;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code PATCH /api/v1/users/{id}}: absent (or null) fields stay as they are; {@code roles}
 * replaces the whole set. The password has its own endpoint.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateUser(
        String username,
        String name,
        String email,
        String mobile,
        String locale,
        String timeZone,
        List<String> roles,
        UUID teamId,
        @JsonDeserialize(using = StrictBoolean.class) Boolean active,
        Long version) {

    boolean isEmpty() {
        return username == null && name == null && email == null && mobile == null && locale == null && timeZone == null
                && roles == null && teamId == null && active == null;
    }
}
