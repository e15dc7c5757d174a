package com.pulse.api.outbox;

import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * A wake-up signal each time a transaction that wrote to the outbox commits
 * ({@code LISTEN pulse_outbox}; the trigger in V1 notifies). The LISTEN lives on its own
 * unpooled connection, reopened with backoff whenever it breaks; each (re)connection also
 * emits a signal, because notifications sent while disconnected are lost.
 */
class OutboxNotifications {

    static final String CHANNEL = "pulse_outbox";
    private static final Logger log = LoggerFactory.getLogger(OutboxNotifications.class);

    private final PostgresqlConnectionFactory factory;

    OutboxNotifications(PostgresqlConnectionFactory factory) {
        this.factory = factory;
    }

    Flux<String> signals() {
        return Flux.usingWhen(factory.create(), this::listen, PostgresqlConnection::close)
                .doOnComplete(() -> log.warn("LISTEN {} connection ended; reconnecting", CHANNEL))
                // Completion means the server closed the connection: reconnect after a pause.
                .repeatWhen(done -> done.delayElements(Duration.ofMillis(500)))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200))
                        .maxBackoff(Duration.ofSeconds(5))
                        .doBeforeRetry(s -> log.warn("LISTEN {} failed ({}); retrying", CHANNEL, s.failure().toString())));
    }

    private Flux<String> listen(PostgresqlConnection connection) {
        Mono<Void> subscribe = connection.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(PostgresqlResult::getRowsUpdated)
                .then()
                .doOnSuccess(v -> log.info("Listening on {}", CHANNEL));
        return subscribe.thenMany(Flux.concat(
                Mono.just("connected"),
                connection.getNotifications().map(n -> n.getName())));
    }
}
