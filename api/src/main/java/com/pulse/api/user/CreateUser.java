package com.pulse.api.user;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * Body of {@code POST /api/v1/users}. Required: username, name, email, roles, password.
 * locale defaults to zh-CN, timeZone to the company's, active to true.
 */
public record CreateUser(
        String username,
        String name,
        String email,
        String mobile,
        String locale,
        String timeZone,
        List<String> roles,
        UUID teamId,
        @JsonDeserialize(using = StrictBoolean.class) Boolean active,
        String password) {

    @Override
    public String toString() {
        return "CreateUser[username=" + username + "]";
    }
}
