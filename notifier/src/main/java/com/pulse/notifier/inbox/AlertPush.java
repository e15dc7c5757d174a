package com.pulse.notifier.inbox;

import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.stereotype.Component;

/**
 * The live channel for personal alerts: {@code /user/queue/alerts} of the user's STOMP sessions on
 * this instance. A user with no session here gets nothing live; the inbox has the alert.
 */
@Component
class AlertPush {

    static final String QUEUE = "/queue/alerts";

    private final SimpMessageSendingOperations stomp;

    AlertPush(SimpMessageSendingOperations stomp) {
        this.stomp = stomp;
    }

    void push(Alert alert) {
        stomp.convertAndSendToUser(alert.userId(), QUEUE, AlertView.of(alert));
    }
}
