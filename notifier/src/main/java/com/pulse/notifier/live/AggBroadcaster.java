package com.pulse.notifier.live;

import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/**
 * Pushes each aggregate cell change to the subscribers of its scope's destination
 * ({@link AggDestinations}); funnel cells also go to {@value #FUNNEL}, the unscoped feed the cockpit
 * subscribes to.
 */
@Component
class AggBroadcaster {

    static final String FUNNEL = "/topic/funnel";

    private final SimpMessageSendingOperations stomp;

    AggBroadcaster(SimpMessageSendingOperations stomp) {
        this.stomp = stomp;
    }

    void on(AggKind kind, Object cell) {
        // The body is the contract's JSON (events' mapper), not the web layer's, so a browser
        // sees exactly what is on the topic: ISO instants, amounts as exact JSON numbers.
        byte[] body = EventJson.write(cell);
        stomp.send(AggDestinations.of(kind, kind.scopeOf(cell)), MessageBuilder.createMessage(body, headers()));
        if (cell instanceof FunnelChanged) {
            stomp.send(FUNNEL, MessageBuilder.createMessage(body, headers()));
        }
    }

    private static org.springframework.messaging.MessageHeaders headers() {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        return headers.getMessageHeaders();
    }
}
