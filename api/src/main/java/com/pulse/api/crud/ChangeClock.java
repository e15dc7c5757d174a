package com.pulse.api.crud;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Function;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The time a change is recorded at: the system clock, unless the code that subscribes to the
 * change put another instant into the Reactor context with {@link #at(Instant)}. The demo loader
 * does that to write two years of history through the ordinary services, so each record's row,
 * history and event agree on a past time.
 *
 * <p>HTTP callers cannot reach this: the key is a private object, so only code running inside the
 * API that calls {@link #at(Instant)} can set it, and no controller or filter does. Only services
 * that read the time through {@link #now(ContextView)} honour it (today: opportunities).
 */
public final class ChangeClock {

    private static final Object KEY = new Object();
    private static final Clock SYSTEM = Clock.systemUTC();

    private ChangeClock() {
    }

    /** For {@code contextWrite}: the changes of this subscription happen at {@code instant}. */
    public static Function<Context, Context> at(Instant instant) {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        return context -> context.put(KEY, micros);
    }

    /** Microseconds: what Postgres keeps, so the event's snapshot equals a later read of the row. */
    public static Instant now(ContextView context) {
        Instant at = context.getOrDefault(KEY, null);
        return at != null ? at : SYSTEM.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
