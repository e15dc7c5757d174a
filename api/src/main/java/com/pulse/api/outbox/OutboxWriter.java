package com.pulse.api.outbox;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import com.pulse.events.Topic;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Appends an event to the outbox. Call it inside the transaction that made the change:
 * the event then exists exactly when the change does, and the relay publishes it after commit.
 */
@Component
public class OutboxWriter {

    /** The CloudEvents {@code source} of everything the API emits. */
    public static final String SOURCE = "/pulse/api";

    private final DatabaseClient db;

    OutboxWriter(DatabaseClient db) {
        this.db = db;
    }

    /**
     * @param topic         the topic's registry entry; the row keeps its unprefixed name and
     *                      the relay qualifies it with the deployment's prefix
     * @param aggregateType e.g. {@code opportunity}
     */
    public Mono<Void> append(Topic<?, ?> topic, String aggregateType, DomainEvent event) {
        byte[] payload = CloudEventCodec.encode(event, SOURCE);
        return db.sql("""
                        INSERT INTO outbox (event_id, aggregate_type, aggregate_id, aggregate_version, topic, event_type, payload)
                        VALUES (:eventId, :aggregateType, :aggregateId, :version, :topic, :eventType, :payload)""")
                .bind("eventId", event.eventId())
                .bind("aggregateType", aggregateType)
                .bind("aggregateId", event.aggregateId())
                .bind("version", event.aggregateVersion())
                .bind("topic", topic.name())
                .bind("eventType", event.type())
                .bind("payload", payload)
                .then();
    }
}
