package com.pulse.notifier;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

/** A STOMP client of the notifier's {@code /ws}, as a browser uses it: the token goes in the CONNECT frame. */
public final class StompClients implements AutoCloseable {

    private final WebSocketStompClient client;
    private final int port;

    public StompClients(int port) {
        ThreadPoolTaskScheduler heartbeats = new ThreadPoolTaskScheduler();
        heartbeats.initialize();
        this.client = new WebSocketStompClient(new StandardWebSocketClient());
        this.client.setTaskScheduler(heartbeats);
        this.client.setDefaultHeartbeat(new long[] {10_000, 10_000});
        this.port = port;
    }

    /** What the server answered a connection attempt: the session once CONNECTED, ERROR frames, transport errors. */
    public static final class Attempt extends StompSessionHandlerAdapter {
        public final CompletableFuture<StompSession> session;
        public final Queue<String> errors = new ConcurrentLinkedQueue<>();
        public final Queue<Throwable> transportErrors = new ConcurrentLinkedQueue<>();

        Attempt(WebSocketStompClient client, String url, StompHeaders connect) {
            this.session = client.connectAsync(url, new WebSocketHttpHeaders(), connect, this);
        }

        @Override
        public void handleFrame(StompHeaders headers, Object payload) {
            // only ERROR frames reach the session handler
            errors.add(String.valueOf(headers.getFirst("message")));
        }

        @Override
        public void handleTransportError(StompSession s, Throwable exception) {
            transportErrors.add(exception);
        }

        @Override
        public void handleException(StompSession s, StompCommand command, StompHeaders headers, byte[] payload,
                                    Throwable exception) {
            transportErrors.add(exception);
        }
    }

    /** Connects with these CONNECT headers (e.g. {@code Authorization: Bearer …}); does not wait. */
    public Attempt attempt(StompHeaders connect) {
        return new Attempt(client, "ws://localhost:" + port + "/ws", connect);
    }

    /** Connects with the token as {@code Authorization: Bearer}, or anonymously when null, and waits for CONNECTED. */
    public StompSession connect(String token) throws Exception {
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        return attempt(connect).session.get(10, TimeUnit.SECONDS);
    }

    /** Subscribes and collects each frame's body as text. */
    public static Queue<String> subscribe(StompSession session, String destination) {
        Queue<String> bodies = new ConcurrentLinkedQueue<>();
        session.subscribe(destination, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return byte[].class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                bodies.add(new String((byte[]) payload, java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return bodies;
    }

    public static List<String> containing(Queue<String> bodies, String text) {
        return bodies.stream().filter(b -> b.contains(text)).toList();
    }

    @Override
    public void close() {
        client.stop();
    }
}
