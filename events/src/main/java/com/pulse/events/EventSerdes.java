package com.pulse.events;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serdes for the contract. Entity topics carry structured CloudEvents;
 * aggregate topics carry plain JSON records. Deserializers throw
 * {@link EventFormatException} on a poison record so the caller can dead-letter it.
 */
public final class EventSerdes {

    private static final String SOURCE = "/pulse";

    private EventSerdes() {
    }

    /** CloudEvents serde for a domain event type; the serializer uses {@code source} as the CloudEvents source. */
    public static <T extends DomainEvent> Serde<T> cloudEvent(Class<T> type, String source) {
        Serializer<T> ser = (topic, event) -> event == null ? null : CloudEventCodec.encode(event, source);
        Deserializer<T> de = (topic, bytes) -> bytes == null ? null : CloudEventCodec.decode(bytes, type);
        return Serdes.serdeFrom(ser, de);
    }

    public static <T extends DomainEvent> Serde<T> cloudEvent(Class<T> type) {
        return cloudEvent(type, SOURCE);
    }

    /** Plain JSON serde for aggregate messages and other records. */
    public static <T> Serde<T> json(Class<T> type) {
        Serializer<T> ser = (topic, value) -> value == null ? null : EventJson.write(value);
        Deserializer<T> de = (topic, bytes) -> bytes == null ? null : EventJson.read(bytes, type);
        return Serdes.serdeFrom(ser, de);
    }

    /** The value serde of a registered topic. */
    @SuppressWarnings("unchecked")
    public static <V> Serde<V> valueSerde(Topic<?, V> topic) {
        Class<V> type = topic.valueType();
        if (DomainEvent.class.isAssignableFrom(type)) {
            return (Serde<V>) cloudEvent((Class<? extends DomainEvent>) type);
        }
        return json(type);
    }
}
