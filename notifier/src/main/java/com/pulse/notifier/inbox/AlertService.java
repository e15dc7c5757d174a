package com.pulse.notifier.inbox;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Delivers an alert to one user: stored in their inbox once per dedupe key, then pushed live.
 * The insert commits before the push, so a pushed alert is always in the inbox; a redelivered
 * trigger (same key) writes and pushes nothing.
 */
@Service
public class AlertService {

    private final AlertRepository alerts;
    private final AlertPush push;
    private final Clock clock;

    AlertService(AlertRepository alerts, AlertPush push) {
        this.alerts = alerts;
        this.push = push;
        this.clock = Clock.systemUTC();
    }

    /** The stored alert, or empty when this dedupe key was delivered before. */
    public Optional<Alert> deliver(String userId, NewAlert alert, String dedupeKey) {
        // Postgres keeps microseconds: truncate here so the stored time and the paging cursor agree.
        Alert stored = new Alert(UUID.randomUUID(), userId, alert.kind(), alert.title(), alert.body(), alert.link(),
                clock.instant().truncatedTo(ChronoUnit.MICROS), null);
        Optional<Alert> inserted = alerts.insertOnce(stored, dedupeKey);
        inserted.ifPresent(push::push);
        return inserted;
    }
}
