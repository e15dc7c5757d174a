package com.pulse.api.account;

import java.util.List;
import java.util.UUID;

/** Body of {@code POST /api/v1/accounts}. Only name is required; type defaults to CUSTOMER, status to ACTIVE. */
public record CreateAccount(
        String name,
        String industry,
        String region,
        String tier,
        String type,
        UUID parentAccountId,
        UUID ownerId,
        List<UUID> sharedWith,
        String status) {
}
