package com.pulse.api.opportunity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTests {

    @Test
    void roundTripsToTheMicrosecond() {
        Cursor cursor = new Cursor(Instant.parse("2026-11-27T22:09:20.268913Z"), UUID.randomUUID());

        assertThat(Cursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void rejectsAnythingItDidNotMake() {
        assertThat(Cursor.decode("zzz")).isEmpty();
        assertThat(Cursor.decode("' OR 1=1 --")).isEmpty();
        assertThat(Cursor.decode("MTIzOm5vdC1hLXV1aWQ")).isEmpty(); // "123:not-a-uuid"
        assertThat(Cursor.decode("x".repeat(500))).isEmpty();
    }
}
