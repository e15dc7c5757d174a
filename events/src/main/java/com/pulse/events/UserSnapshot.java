package com.pulse.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The full state of a user after a change, as the API stored it. Carries no password or
 * password hash: credentials never leave the API's database.
 *
 * @param mobile   E.164, e.g. +8613800138000, or null
 * @param locale   zh-CN or en
 * @param timeZone an IANA zone id, e.g. Asia/Shanghai
 * @param roles    a non-empty subset of ADMIN, EXECUTIVE, MANAGER, REP, ANALYST
 * @param active   false for a deactivated user, who cannot sign in
 * @param deleted  true while the user is in the recycle bin
 */
public record UserSnapshot(
        UUID id,
        String username,
        String name,
        String email,
        String mobile,
        String locale,
        String timeZone,
        List<String> roles,
        UUID teamId,
        boolean active,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {

    public UserSnapshot {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
