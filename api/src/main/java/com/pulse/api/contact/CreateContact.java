package com.pulse.api.contact;

import java.time.LocalDate;
import java.util.UUID;

/** Body of {@code POST /api/v1/contacts}. Account and name are required. */
public record CreateContact(
        UUID accountId,
        String name,
        String title,
        String phone,
        String email,
        LocalDate birthday,
        UUID ownerId) {
}
