package com.pulse.streams.dimensions;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import com.pulse.streams.DeadLetters;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes a user, team or target CloudEvent into a {@link ScopeInput}; a record that is not a valid event of
 * the topic's type, or whose key is not its aggregate id, becomes a dead letter with its source offset.
 */
final class DecodeEntity<T extends DomainEvent> implements FixedKeyProcessor<String, byte[], DecodedEntity> {

    private final Class<T> type;
    private final Function<T, Object> snapshot;
    private final Function<T, ScopeInput> input;
    private FixedKeyProcessorContext<String, DecodedEntity> context;

    DecodeEntity(Class<T> type, Function<T, Object> snapshot, Function<T, ScopeInput> input) {
        this.type = type;
        this.snapshot = snapshot;
        this.input = input;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, DecodedEntity> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        try {
            T event = CloudEventCodec.decode(record.value(), type);
            if (snapshot.apply(event) == null) {
                throw new IllegalArgumentException("event has no snapshot");
            }
            if (!Objects.equals(record.key(), String.valueOf(event.aggregateId()))) {
                throw new IllegalArgumentException("record key '" + record.key() + "' is not the aggregate id " + event.aggregateId());
            }
            context.forward(record.withValue(new DecodedEntity(input.apply(event), null)));
        } catch (RuntimeException e) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            context.forward(record.withValue(new DecodedEntity(null, DeadLetters.of(source.topic(), source.partition(), source.offset(),
                    "pulse-streams", e, record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs())))));
        }
    }

}
