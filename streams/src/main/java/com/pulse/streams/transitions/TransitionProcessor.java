package com.pulse.streams.transitions;

import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.StageTransitioned;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Remembers each opportunity's last applied stage and forwards a transition when a newer version has
 * another one. It sees only versions the version filter let through, so a duplicate or a late older
 * version never reaches it: each transition is emitted once. Deleting or restoring keeps the stage and
 * is no transition.
 */
final class TransitionProcessor implements FixedKeyProcessor<String, OpportunityChanged, StageTransitioned> {

    static final String STORE = "opportunity-applied-stage";

    private FixedKeyProcessorContext<String, StageTransitioned> context;
    private KeyValueStore<String, String> stages;

    @Override
    public void init(FixedKeyProcessorContext<String, StageTransitioned> context) {
        this.context = context;
        this.stages = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, OpportunityChanged> record) {
        OpportunitySnapshot s = record.value().snapshot();
        String previous = stages.get(record.key());
        if (Objects.equals(previous, s.stage())) {
            return;
        }
        stages.put(record.key(), s.stage());
        context.forward(record.withValue(new StageTransitioned(s.id(), previous, s.stage(), s.updatedAt(), s.amountBase(),
                s.ownerId(), record.value().aggregateVersion())));
    }
}
