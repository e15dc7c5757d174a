package com.pulse.notifier.live;

import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;

/** Pushes each funnel cell change to every subscriber of {@value #DESTINATION}. */
@Component
class FunnelBroadcaster {

    static final String DESTINATION = "/topic/funnel";

    private final SimpMessageSendingOperations stomp;

    FunnelBroadcaster(SimpMessageSendingOperations stomp) {
        this.stomp = stomp;
    }

    void on(FunnelChanged change) {
        // The body is the contract's JSON (events' mapper), not the web layer's, so a browser
        // sees exactly what is on the topic: ISO instants, amounts as exact JSON numbers.
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        stomp.send(DESTINATION, MessageBuilder.createMessage(EventJson.write(change), headers.getMessageHeaders()));
    }
}
