package com.pulse.streams.system;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.utils.Time;

/**
 * The wall clock Kafka Streams runs on: the system clock, shifted by an offset that is 0 in production. The
 * forecast's month roll-over and monthly freeze are wall-clock punctuations; a test (or a demo) starts this clock in
 * the past and moves it to a month's first day instead of waiting for it. It must not run ahead of the brokers'
 * clock: records punctuations write carry its time, and Kafka refuses timestamps more than an hour in the future. Only {@link #milliseconds()} is shifted: durations
 * ({@link #nanoseconds()}) stay the system's.
 */
public final class StreamsClock implements Time {

    private final AtomicLong offsetMs = new AtomicLong();

    @Override
    public long milliseconds() {
        return Time.SYSTEM.milliseconds() + offsetMs.get();
    }

    @Override
    public long nanoseconds() {
        return Time.SYSTEM.nanoseconds();
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        synchronized (obj) {
            while (!condition.get()) {
                long remaining = deadlineMs - milliseconds();
                if (remaining <= 0) {
                    throw new TimeoutException("condition not met before the deadline");
                }
                obj.wait(remaining);
            }
        }
    }

    /** Moves the clock so that it reads {@code now} at this instant; it runs on at the system's pace from there. */
    public void set(Instant now) {
        offsetMs.set(now.toEpochMilli() - Time.SYSTEM.milliseconds());
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMs.get());
    }
}
