package com.pulse.api.outbox;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.springframework.kafka.core.KafkaAdmin;

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
    private final KafkaAdmin admin;
    private volatile boolean topicsReady;
    private volatile Instant nextTopicAttempt = Instant.EPOCH;
    private final Duration pollInterval;
    private volatile Disposable running;
    private volatile Instant lastFailureLog = Instant.EPOCH;

    OutboxRelay(OutboxPublisher publisher, OutboxNotifications notifications, KafkaAdmin admin, Duration pollInterval) {
        this.publisher = publisher;
        this.notifications = notifications;
        this.admin = admin;
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
        return ensureTopics().then(publisher.publishBatch())
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

    /** Creates the topics this service owns (the NewTopic beans) once the broker is reachable. */
    private Mono<Void> ensureTopics() {
        if (topicsReady || admin == null) {
            return Mono.empty();
        }
        if (Instant.now().isBefore(nextTopicAttempt)) {
            // Each attempt costs the admin timeout and an error log: retry every 10 s, not every poll.
            return Mono.error(new IllegalStateException("Kafka was not reachable to create topics; retrying soon"));
        }
        return Mono.fromRunnable(() -> {
                    if (!admin.initialize()) {
                        nextTopicAttempt = Instant.now().plusSeconds(10);
                        throw new IllegalStateException("Kafka is not reachable to create topics");
                    }
                    topicsReady = true;
                })
                .subscribeOn(Schedulers.boundedElastic())
                .then();
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
