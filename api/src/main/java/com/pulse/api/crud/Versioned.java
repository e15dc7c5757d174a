package com.pulse.api.crud;

import java.time.Instant;
import java.util.UUID;

/** A stored row with optimistic locking and a recycle bin. */
public interface Versioned {

    UUID id();

    long version();

    Instant updatedAt();

    /** True while the row is in the recycle bin. */
    boolean deleted();
}
