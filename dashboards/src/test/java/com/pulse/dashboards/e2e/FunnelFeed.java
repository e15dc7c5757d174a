package com.pulse.dashboards.e2e;

import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A STOMP subscriber to {@code /topic/funnel} that keeps every message with the moment it arrived. */
final class FunnelFeed implements AutoCloseable {

    record Received(FunnelChanged change, long nanos) {
    }

    private final List<Received> received = new ArrayList<>();
    private final WebSocketStompClient client;
    private final StompSession session;

    private FunnelFeed(WebSocketStompClient client, StompSession session) {
        this.client = client;
        this.session = session;
    }

    static FunnelFeed connect(String wsUrl) {
        WebSocketStompClient client = new WebSocketStompClient(new StandardWebSocketClient());
        client.setDefaultHeartbeat(new long[] {0, 0});
        try {
            StompSession session = connected(client, wsUrl);
            FunnelFeed feed = new FunnelFeed(client, session);
            session.subscribe("/topic/funnel", new StompSessionHandlerAdapter() {
                @Override
                public Type getPayloadType(StompHeaders headers) {
                    return byte[].class;
                }

                @Override
                public void handleFrame(StompHeaders headers, Object payload) {
                    long now = System.nanoTime();
                    feed.add(new Received(EventJson.read((byte[]) payload, FunnelChanged.class), now));
                }
            });
            return feed;
        } catch (Exception e) {
            client.stop();
            throw new IllegalStateException("cannot open a STOMP session on " + wsUrl, e);
        }
    }

    /**
     * A session, trying up to three times: through the gateway's WebSocket proxy a CONNECT sent right after the
     * handshake is sometimes lost under load (dashboards/DESIGN.md), and the pages' client reconnects when no CONNECTED
     * comes; this client does the same rather than fail the test on the first lost frame.
     */
    private static StompSession connected(WebSocketStompClient client, String wsUrl) throws Exception {
        Exception last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                return client.connectAsync(wsUrl, new StompSessionHandlerAdapter() { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                last = e;
            }
        }
        throw last;
    }

    private synchronized void add(Received message) {
        received.add(message);
    }

    synchronized int size() {
        return received.size();
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    /** The first message at or after position {@code from} that matches. */
    synchronized Optional<Received> find(int from, Predicate<FunnelChanged> matches) {
        for (int i = from; i < received.size(); i++) {
            if (matches.test(received.get(i).change())) {
                return Optional.of(received.get(i));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        try {
            session.disconnect();
        } finally {
            client.stop();
        }
    }
}
