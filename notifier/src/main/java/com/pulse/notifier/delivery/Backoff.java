package com.pulse.notifier.delivery;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential back-off with "equal jitter": after the n-th failed attempt the wait is
 * {@code d = min(max, initial × 2^(n-1))}, drawn uniformly from [d/2, d]. The jitter spreads out the
 * retries of many deliveries that failed together (a provider outage, a 429), so they do not all come
 * back in the same instant; the lower half bound keeps the back-off growing.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration initial, Duration max, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** The wait after {@code attempts} attempts (1 or more) have failed. */
    Duration after(int attempts) {
        long ceiling = max.toMillis();
        long d = initial.toMillis();
        for (int i = 1; i < attempts && d < ceiling; i++) {
            d *= 2;
        }
        d = Math.min(d, ceiling);
        return Duration.ofMillis(d / 2 + (long) (random.getAsDouble() * (d - d / 2)));
    }
}
