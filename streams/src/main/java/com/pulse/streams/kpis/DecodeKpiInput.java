package com.pulse.streams.kpis;

import com.pulse.streams.DeadLetters;
import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Decodes one source record into a {@link KpiInput}. A record that cannot be decoded, lacks what the KPIs rely on, or
 * whose key is not its id becomes a dead letter with its source offset; the stream goes on.
 */
final class DecodeKpiInput implements FixedKeyProcessor<String, byte[], DecodeKpiInput.Decoded> {

    static final String CONSUMER = "pulse-kpis";

    /** The input, or the dead letter to publish instead. */
    record Decoded(KpiInput input, byte[] deadLetter) {
    }

    private final BiFunction<String, byte[], KpiInput> decode;
    private FixedKeyProcessorContext<String, Decoded> context;

    /** @param decode key and bytes → input; throws when the record is not usable */
    DecodeKpiInput(BiFunction<String, byte[], KpiInput> decode) {
        this.decode = decode;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        try {
            context.forward(record.withValue(new Decoded(decode.apply(record.key(), record.value()), null)));
        } catch (RuntimeException e) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            context.forward(record.withValue(new Decoded(null, DeadLetters.of(source.topic(), source.partition(), source.offset(), CONSUMER, e,
                    record.value(), Instant.ofEpochMilli(context.currentSystemTimeMs())))));
        }
    }

    static void require(boolean condition, String reason) {
        if (!condition) {
            throw new IllegalArgumentException(reason);
        }
    }
}
