package com.pulse.streams.funnel;

import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.streams.DeadLetters;
import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes the CloudEvent and checks what the funnel relies on. A record that fails becomes a
 * dead letter carrying its source topic, partition and offset; it never stops the stream.
 */
final class DecodeProcessor implements FixedKeyProcessor<String, byte[], Decoded> {

    static final String CONSUMER = "pulse-streams";

    private FixedKeyProcessorContext<String, Decoded> context;

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        try {
            context.forward(record.withValue(Decoded.ok(valid(record.key(), CloudEventCodec.decode(record.value(), OpportunityChanged.class)))));
        } catch (RuntimeException e) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            context.forward(record.withValue(Decoded.dead(DeadLetters.of(source.topic(), source.partition(), source.offset(),
                    CONSUMER, e, record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs())))));
        }
    }

    private static OpportunityChanged valid(String key, OpportunityChanged event) {
        OpportunitySnapshot s = event.snapshot();
        require(s != null, "event has no snapshot");
        require(s.id() != null && s.id().equals(event.aggregateId()), "snapshot id differs from the aggregate id");
        // Per-opportunity ordering and state rely on the record key being the opportunity id.
        require(Objects.equals(key, s.id().toString()), "record key '" + key + "' is not the opportunity id " + s.id());
        require(s.stage() != null, "snapshot has no stage");
        require(s.amountBase() != null, "snapshot has no amountBase");
        require(s.probability() >= 0 && s.probability() <= 100, "probability out of 0..100: " + s.probability());
        return event;
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
