package com.pulse.streams.funnel;

import com.pulse.events.OpportunityChanged;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets an event through only when its version is newer than the last one applied for that
 * opportunity. Duplicates and late, older versions are normal input (outbox retries,
 * redeliveries), not errors: they are dropped silently.
 *
 * <p>A fixed-key processor on purpose: with {@code process()} Kafka Streams must assume the key may
 * have changed and puts a repartition topic (one more transaction to wait for) before the table.
 */
final class LatestVersionProcessor implements FixedKeyProcessor<String, OpportunityChanged, OpportunityChanged> {

    static final String STORE = "opportunity-applied-version";

    private FixedKeyProcessorContext<String, OpportunityChanged> context;
    private KeyValueStore<String, Long> applied;

    @Override
    public void init(FixedKeyProcessorContext<String, OpportunityChanged> context) {
        this.context = context;
        this.applied = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, OpportunityChanged> record) {
        long version = record.value().aggregateVersion();
        Long last = applied.get(record.key());
        if (last != null && version <= last) {
            return;
        }
        applied.put(record.key(), version);
        context.forward(record);
    }
}
