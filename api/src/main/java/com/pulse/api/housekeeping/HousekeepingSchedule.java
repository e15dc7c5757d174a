package com.pulse.api.housekeeping;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Runs {@link Housekeeping} every interval, first a minute after start; a failed pass is logged and retried next time. */
class HousekeepingSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HousekeepingSchedule.class);

    private final Housekeeping housekeeping;
    private volatile Disposable running;

    HousekeepingSchedule(Housekeeping housekeeping) {
        this.housekeeping = housekeeping;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ofMinutes(1), housekeeping.interval())
                .onBackpressureDrop()
                .concatMap(tick -> housekeeping.sweep(Instant.now())
                        .onErrorResume(e -> {
                            log.warn("Housekeeping pass failed; retrying at the next interval: {}", e.toString());
                            return reactor.core.publisher.Mono.empty();
                        }), 1)
                .subscribe();
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
}
