package com.pulse.api.outbox;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives the {@link OutboxPublisher}: drains the outbox whenever Postgres notifies a commit,
 * and on a fixed poll as a fallback. Wake-ups that arrive while a drain runs collapse into one
 * more drain, and a drain repeats while full batches come back, so a burst is emptied at once.
 * Failures (Kafka or Postgres away) are logged and retried on the next wake-up.
 */
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxPublisher publisher;
    private final OutboxNotifications notifications;
    private final Duration pollInterval;
    private volatile Disposable running;
    private volatile Instant lastFailureLog = Instant.EPOCH;

    OutboxRelay(OutboxPublisher publisher, OutboxNotifications notifications, Duration pollInterval) {
        this.publisher = publisher;
        this.notifications = notifications;
        this.pollInterval = pollInterval;
    }

    @Override
    public void start() {
        Flux<Object> wakeUps = Flux.merge(notifications.signals(), Flux.interval(Duration.ZERO, pollInterval));
        running = wakeUps
                .onBackpressureLatest()
                .concatMap(signal -> drain(), 1)
                .subscribe(null, e -> log.error("Outbox relay stopped", e));
        log.info("Outbox relay started (poll every {})", pollInterval);
    }

    /** Publishes batches until one comes back short. Never errors. */
    Mono<Void> drain() {
        return publisher.publishBatch()
                .expand(n -> n >= publisher.batchSize() ? publisher.publishBatch() : Mono.empty())
                .then()
                .onErrorResume(e -> {
                    // A broker outage fails every poll; say so every 30 s, not every second.
                    if (Instant.now().isAfter(lastFailureLog.plusSeconds(30))) {
                        lastFailureLog = Instant.now();
                        log.warn("Outbox relay could not publish; unsent rows stay in the outbox and are retried: {}", e.toString());
                    }
                    return Mono.empty();
                });
    }

    @Override
    public void stop() {
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }

    /** Stop before the connection pool and the Kafka producer are closed. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
