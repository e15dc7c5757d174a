package com.pulse.streams.funnel;

import com.pulse.events.OpportunityChanged;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Lets an event through only when its version is newer than the last one applied for that
 * opportunity. Duplicates and late, older versions are normal input (outbox retries,
 * redeliveries), not errors: they are dropped silently.
 */
final class LatestVersionProcessor implements Processor<String, OpportunityChanged, String, OpportunityChanged> {

    static final String STORE = "opportunity-applied-version";

    private ProcessorContext<String, OpportunityChanged> context;
    private KeyValueStore<String, Long> applied;

    @Override
    public void init(ProcessorContext<String, OpportunityChanged> context) {
        this.context = context;
        this.applied = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, OpportunityChanged> record) {
        long version = record.value().aggregateVersion();
        Long last = applied.get(record.key());
        if (last != null && version <= last) {
            return;
        }
        applied.put(record.key(), version);
        context.forward(record);
    }
}
