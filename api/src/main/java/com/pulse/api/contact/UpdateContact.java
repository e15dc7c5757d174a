package com.pulse.api.contact;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Body of {@code PATCH /api/v1/contacts/{id}}: absent (or null) fields stay as they are.
 *
 * @param version the version the client last saw; alternative to {@code If-Match}
 */
record UpdateContact(
        UUID accountId,
        String name,
        String title,
        String phone,
        String email,
        LocalDate birthday,
        UUID ownerId,
        Long version) {

    boolean isEmpty() {
        return accountId == null && name == null && title == null && phone == null && email == null
                && birthday == null && ownerId == null;
    }
}
