package com.pulse.dashboards.cockpit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A STOMP endpoint at {@code /ws} standing in for the notifier: it answers CONNECT, keeps the current
 * connection's subscriptions as the notifier's broker does (SUBSCRIBE adds, UNSUBSCRIBE removes), sends a
 * MESSAGE to whoever subscribed to a destination, and refuses a SUBSCRIBE to a destination in
 * {@link #refused} as the notifier refuses a scope: an ERROR frame, then the connection is closed.
 */
final class StubStompBroker implements AutoCloseable {

    /** Subscription id → destination, on the current connection. */
    final Map<String, String> subscriptions = new ConcurrentHashMap<>();
    /** Every SUBSCRIBE and UNSUBSCRIBE as "SUBSCRIBE destination" / "UNSUBSCRIBE destination", in order. */
    final List<String> log = new CopyOnWriteArrayList<>();
    final Set<String> refused = ConcurrentHashMap.newKeySet();
    final AtomicBoolean accepting = new AtomicBoolean(true);
    final AtomicReference<String> connectAuthorization = new AtomicReference<>();
    final java.util.concurrent.atomic.AtomicInteger connects = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicReference<Sinks.Many<String>> toBrowser = new AtomicReference<>();
    private final DisposableServer server;

    StubStompBroker() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/ws", (req, res) -> {
                    if (!accepting.get()) {
                        return res.status(503).send();
                    }
                    return res.sendWebsocket((in, out) -> {
                        Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
                        toBrowser.set(frames);
                        subscriptions.clear();
                        in.receive().asString().subscribe(frame -> receive(frame, frames));
                        return out.sendString(frames.asFlux());
                    });
                }))
                .bindNow();
    }

    private void receive(String frame, Sinks.Many<String> frames) {
        if (frame.startsWith("CONNECT")) {
            connectAuthorization.set(header(frame, "Authorization"));
            connects.incrementAndGet();
            frames.tryEmitNext("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
        } else if (frame.startsWith("SUBSCRIBE")) {
            String destination = header(frame, "destination");
            log.add("SUBSCRIBE " + destination);
            if (refused.contains(destination)) {
                frames.tryEmitNext("ERROR\nmessage:not allowed to see this scope\ncontent-length:0\n\n\0");
                frames.tryEmitComplete();
                return;
            }
            subscriptions.put(header(frame, "id"), destination);
        } else if (frame.startsWith("UNSUBSCRIBE")) {
            String destination = subscriptions.remove(header(frame, "id"));
            log.add("UNSUBSCRIBE " + destination);
        }
    }

    int port() {
        return server.port();
    }

    /** The destinations subscribed to on the current connection, sorted. */
    List<String> destinations() {
        List<String> d = new ArrayList<>(subscriptions.values());
        d.sort(String::compareTo);
        return d;
    }

    /** Sends {@code body} to the subscriber of {@code destination}; false when nobody subscribed to it. */
    boolean push(String destination, String body) {
        return subscriptions.entrySet().stream().filter(e -> e.getValue().equals(destination)).findFirst().map(e -> {
            toBrowser.get().tryEmitNext("MESSAGE\ndestination:" + destination + "\nsubscription:" + e.getKey()
                    + "\nmessage-id:m" + System.nanoTime() + "\ncontent-type:application/json\n\n" + body + "\0");
            return true;
        }).orElse(false);
    }

    /** Closes the current connection from the server's side. */
    void dropConnection() {
        toBrowser.get().tryEmitComplete();
    }

    static String header(String frame, String name) {
        return frame.lines().filter(l -> l.startsWith(name + ":")).map(l -> l.substring(name.length() + 1))
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
