package com.pulse.streams.transitions;

import com.pulse.events.EventSerdes;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.StageTransitioned;
import com.pulse.streams.TopicNames;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Stage transitions as facts (METRICS.md §Funnel): from the stream of applied (newest) versions, every
 * version whose stage differs from the previously applied one becomes a {@link StageTransitioned} on
 * {@code pulse.agg.transitions.v1}, key = opportunity id. No repartition: the key stays the opportunity id.
 */
public final class StageTransitions {

    private StageTransitions() {
    }

    /** @param applied only versions newer than the last applied one, keyed by opportunity id */
    public static void build(KStream<String, OpportunityChanged> applied, TopicNames topics) {
        applied.processValues(TransitionProcessor::new, Named.as("stage-transition"), TransitionProcessor.STORE)
                .to(topics.aggTransitions(), Produced.with(Serdes.String(), EventSerdes.json(StageTransitioned.class))
                        .withName("agg-transitions"));
    }

    /** The store the transition processor needs; add it to the builder before {@link #build}. */
    public static StoreBuilder<?> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TransitionProcessor.STORE), Serdes.String(), Serdes.String());
    }
}
