package com.pulse.notifier.firing;

import com.pulse.notifier.inbox.AlertService;
import com.pulse.notifier.inbox.NewAlert;
import com.pulse.notifier.rules.Channel;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Where a rule's alerts go. Every alert is stored in the recipient's inbox (and pushed live) once per dedupe
 * key; the inbox is the record a user always finds. SMS and email join through the delivery log.
 */
@Component
class AlertSink {

    private final AlertService inbox;

    AlertSink(AlertService inbox) {
        this.inbox = inbox;
    }

    /** The stored alert's id, or empty when this key was delivered before. */
    Optional<UUID> deliver(String userId, NewAlert alert, String dedupeKey, List<Channel> channels) {
        return inbox.deliver(userId, alert, dedupeKey).map(a -> a.id());
    }
}
