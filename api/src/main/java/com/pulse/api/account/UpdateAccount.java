package com.pulse.api.account;

import java.util.List;
import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/accounts/{id}}: absent (or null) fields stay as they are;
 * {@code sharedWith} replaces the whole list.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateAccount(
        String name,
        String industry,
        String region,
        String tier,
        String type,
        UUID parentAccountId,
        UUID ownerId,
        List<UUID> sharedWith,
        String status,
        Long version) {

    boolean isEmpty() {
        return name == null && industry == null && region == null && tier == null && type == null
                && parentAccountId == null && ownerId == null && sharedWith == null && status == null;
    }
}
