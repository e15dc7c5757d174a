package com.pulse.streams.dimensions;

import com.pulse.events.EventSerdes;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunityFact;
import com.pulse.events.OwnerTeams;
import com.pulse.streams.TopicNames;
import com.pulse.streams.dimensions.AccountDimProcessor.AccountDim;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * Dimensions joined into the opportunity stream (facts for pivots):
 * <pre>
 * crm.accounts.v1          → global store dim-accounts     (version-filtered: industry, region, tier)
 * pulse.agg.owner-teams.v1 → global store dim-owner-teams  (written by the scopes task: team, team path)
 * applied versions → EnrichProcessor → OpportunityFact → pulse.agg.opportunities.v1 → ClickHouse opportunities
 * </pre>
 * Global, not co-partitioned: accounts and owners are far fewer than opportunities and change rarely, a global store
 * needs no repartition of the (large, latency-sensitive) opportunity stream, and the owner's team path is already
 * resolved by the scopes task, so a lookup by owner id suffices.
 */
public final class DimensionsTopology {

    private DimensionsTopology() {
    }

    /** @param applied only versions newer than the last applied one, keyed by opportunity id */
    public static void build(StreamsBuilder builder, TopicNames topics, KStream<String, OpportunityChanged> applied) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AccountDimProcessor.STORE), Serdes.String(),
                        EventSerdes.json(AccountDim.class)).withLoggingDisabled(),
                topics.accounts(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("accounts"), AccountDimProcessor::new);
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OwnerTeamsDimProcessor.STORE), Serdes.String(),
                        EventSerdes.json(OwnerTeams.class)).withLoggingDisabled(),
                topics.aggOwnerTeams(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("owner-teams"), OwnerTeamsDimProcessor::new);
        applied.processValues(EnrichProcessor::new, Named.as("enrich"))
                .to(topics.aggOpportunities(), Produced.with(Serdes.String(), EventSerdes.json(OpportunityFact.class)).withName("agg-opportunities"));
    }
}
