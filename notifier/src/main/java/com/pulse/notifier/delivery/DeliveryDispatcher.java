package com.pulse.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Sends what the delivery log has due, with at most {@code threads} sends in flight on this instance.
 *
 * <p>One polling thread waits for a free worker, claims as many due rows as there are free workers
 * ({@link DeliveryRepository#claim}, {@code FOR UPDATE SKIP LOCKED}) and hands each to a worker; it
 * never claims more than it can send at once, so a claimed row is never waiting in a queue while its
 * lease runs. When nothing is due it waits {@code pollInterval}.
 *
 * <p>Under load workers free up one at a time; claiming for each alone would make the poller's round trips
 * the bound on sends/s. So after the first free worker it waits up to {@link #GATHER} for half of them
 * before claiming. Rows whose lease ran out (see {@link DeliveryProperties#unknownOutcome()}) are released
 * on a timer, every quarter lease and at most every {@link #RELEASE_EVERY}, not before every claim: a lease
 * is minutes long, so a few seconds more before the row is tried again change nothing.
 */
class DeliveryDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    static final Duration GATHER = Duration.ofMillis(5);
    static final Duration RELEASE_EVERY = Duration.ofSeconds(5);

    private final DeliveryRepository repository;
    private final DeliveryAttempt attempt;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final int number = INSTANCES.incrementAndGet();
    private volatile ExecutorService poller;
    private volatile ExecutorService workers;
    private volatile Semaphore free;
    private Instant nextRelease = Instant.MIN;

    DeliveryDispatcher(DeliveryRepository repository, DeliveryAttempt attempt, DeliveryProperties properties, Clock clock) {
        this.repository = repository;
        this.attempt = attempt;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        free = new Semaphore(properties.threads());
        workers = Executors.newFixedThreadPool(properties.threads(),
                named("delivery-" + number + "-send-"));
        poller = Executors.newSingleThreadExecutor(named("delivery-" + number + "-poll-"));
        poller.execute(this::poll);
        log.info("Delivery dispatcher {} started: {} sends at once, polling every {}", number, properties.threads(),
                properties.pollInterval());
    }

    /** Lets the sends in flight finish (up to 30 s) so their outcomes are recorded; claims nothing new. */
    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        poller.shutdownNow();
        try {
            // rows the poller has just claimed are still handed to workers before those stop taking work
            poller.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdown();
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        poller = null;
        log.info("Delivery dispatcher {} stopped", number);
    }

    /** Stops at once: interrupts the poller and the workers in the middle of whatever they do. */
    synchronized void stopNow() {
        if (isRunning()) {
            poller.shutdownNow();
            workers.shutdownNow();
            poller = null;
            log.info("Delivery dispatcher {} stopped abruptly", number);
        }
    }

    /** Whether the workers of a stopped dispatcher have all returned, waiting up to {@code timeout}. */
    boolean awaitWorkers(Duration timeout) throws InterruptedException {
        return workers.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Started with the application unless {@code pulse.notifier.delivery.enabled} is false. */
    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private void poll() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                free.acquire();
                int want = 1 + gatherFreeWorkers();
                List<Delivery> claimed = List.of();
                try {
                    claimed = claim(want);
                } finally {
                    free.release(want - claimed.size());
                }
                claimed.forEach(this::dispatch);
                if (claimed.isEmpty()) {
                    Thread.sleep(properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // Postgres away, for instance: keep polling, the rows wait in the log
                log.warn("Delivery dispatcher {} could not claim deliveries: {}", number, e.toString());
                sleepQuietly();
            }
        }
    }

    /**
     * With one worker already free: takes the permits of the others that free up within {@link #GATHER}, until
     * half of all workers are taken (or all, when no more are busy); returns how many it took.
     */
    private int gatherFreeWorkers() throws InterruptedException {
        int target = Math.max(1, properties.threads() / 2) - 1;
        int taken = free.drainPermits();
        long deadline = System.nanoTime() + GATHER.toNanos();
        while (taken < target) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !free.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                break;
            }
            taken += 1 + free.drainPermits();
        }
        return taken;
    }

    private List<Delivery> claim(int limit) {
        Instant now = clock.instant();
        if (!now.isBefore(nextRelease)) {
            repository.releaseExpired(now, properties.unknownOutcome() == DeliveryProperties.UnknownOutcome.RESEND,
                    properties.maxAttempts());
            Duration quarterLease = properties.lease().dividedBy(4);
            nextRelease = now.plus(quarterLease.compareTo(RELEASE_EVERY) < 0 ? quarterLease : RELEASE_EVERY);
        }
        return repository.claim(UUID.randomUUID(), now, now.plus(properties.lease()), limit);
    }

    private void dispatch(Delivery d) {
        try {
            workers.execute(() -> {
                try {
                    attempt.run(d);
                } finally {
                    free.release();
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: the row stays SENDING until its lease runs out, then it is released
            free.release();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> new Thread(runnable, prefix + n.incrementAndGet());
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(properties.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
