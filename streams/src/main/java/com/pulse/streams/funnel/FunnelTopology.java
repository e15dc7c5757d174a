package com.pulse.streams.funnel;

import com.pulse.events.EventSerdes;
import com.pulse.events.FunnelChanged;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Pipeline;
import com.pulse.streams.TopicNames;
import com.pulse.streams.dimensions.DimensionsTopology;
import com.pulse.streams.dimensions.ScopesTopology;
import com.pulse.streams.forecast.ForecastCell;
import com.pulse.streams.forecast.ForecastTopology;
import com.pulse.streams.transitions.StageTransitions;
import java.time.Instant;
import java.time.ZoneId;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The company snapshot funnel (METRICS.md §Funnel) from opportunity snapshots.
 *
 * <pre>
 * crm.opportunities.v1 (bytes)
 *   → decode CloudEvent ──poison──→ pulse.dlq.v1
 *   → keep only versions newer than the applied one (store opportunity-applied-version)
 *   → FunnelMember or null (closed / deleted count nowhere)
 *   → KTable per opportunity (store funnel-members)
 *   → groupBy company+stage, adder/subtractor over count, Σ amountBase, Σ amountBase×probability/100
 *   → every changed cell, zeros included, → pulse.agg.funnel.v1
 * </pre>
 * A deal moving from A to B makes the KTable emit its old member (subtracted from A) and its new
 * one (added to B), so both cells are published. A cell that empties is published with count 0,
 * not as a tombstone, so live views see it fall to zero.
 *
 * <p>The stream of applied versions also feeds {@link StageTransitions} and {@link ForecastTopology}.
 */
public final class FunnelTopology {

    private static final Serde<FunnelMember> MEMBER = EventSerdes.json(FunnelMember.class);
    public static final Serde<FunnelCell> CELL = EventSerdes.json(FunnelCell.class);
    private static final Serde<FunnelChanged> CHANGED = EventSerdes.json(FunnelChanged.class);

    /** The default company time zone (METRICS.md: periods are calendar periods in it). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private FunnelTopology() {
    }

    public static void build(StreamsBuilder builder, TopicNames topics) {
        build(builder, topics, Pipeline.DEFAULT, DEFAULT_ZONE);
    }

    /**
     * Everything computed from {@code crm.opportunities.v1}: the funnel here, and on the same stream of
     * applied versions the stage transitions ({@link StageTransitions}) and the forecast ({@link ForecastTopology}).
     */
    public static void build(StreamsBuilder builder, TopicNames topics, Pipeline pipeline, ZoneId zone) {
        build(builder, topics, pipeline, zone, ScopesTopology.DEFAULT_TICK);
    }

    /** @param tick how often the wall clock is looked at for a month roll-over and the monthly freeze */
    public static void build(StreamsBuilder builder, TopicNames topics, Pipeline pipeline, ZoneId zone, java.time.Duration tick) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(LatestVersionProcessor.STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(StageTransitions.store());

        KStream<String, Decoded> decoded = builder
                .stream(topics.opportunities(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("opportunities"))
                .processValues(DecodeProcessor::new, Named.as("decode"));

        decoded.split(Named.as("decoded-"))
                .branch((id, d) -> d.isDead(), Branched.withConsumer(dead -> dead
                        .mapValues(Decoded::deadLetter, Named.as("dead-letter"))
                        .to(topics.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dlq"))))
                .defaultBranch(Branched.withConsumer(ok -> {
                    KStream<String, OpportunityChanged> applied = ok.mapValues(Decoded::event, Named.as("event"))
                            .processValues(LatestVersionProcessor::new, Named.as("latest-version"), LatestVersionProcessor.STORE);
                    KStream<String, FunnelCell> ownerFunnel = funnel(applied, topics, pipeline);
                    StageTransitions.build(applied, topics);
                    DimensionsTopology.build(builder, topics, applied);
                    KStream<String, ForecastCell> forecast = ForecastTopology.build(applied, pipeline, zone);
                    ScopesTopology.build(builder, topics, zone, tick, ownerFunnel, forecast);
                }));
    }

    /** The company and owner funnels; returns the owner cells' changes (key OWNER:id:STAGE) for the team roll-up. */
    private static KStream<String, FunnelCell> funnel(KStream<String, OpportunityChanged> applied, TopicNames topics, Pipeline pipeline) {
        KTable<String, FunnelMember> members = applied.mapValues(e -> FunnelMember.of(e.snapshot(), pipeline), Named.as("funnel-member"))
                .toTable(Named.as("members"), Materialized.<String, FunnelMember, KeyValueStore<Bytes, byte[]>>as("funnel-members")
                        .withKeySerde(Serdes.String()).withValueSerde(MEMBER));
        KStream<String, FunnelCell> company = cells(members, "company", "by-company-stage", "funnel-company-stage",
                m -> FunnelChanged.key(FunnelChanged.COMPANY, "company", m.stage()));
        // Deals without an owner count for the company only.
        KStream<String, FunnelCell> owners = cells(members.filter((id, m) -> m.ownerId() != null, Named.as("funnel-owned")),
                "owner", "by-owner-stage", "funnel-owner-stage", m -> FunnelChanged.key(FunnelChanged.OWNER, m.ownerId().toString(), m.stage()));
        company.processValues(ToFunnelChanged::new, Named.as("funnel-changed"))
                .to(topics.aggFunnel(), Produced.with(Serdes.String(), CHANGED).withName("agg-funnel"));
        owners.processValues(ToFunnelChanged::new, Named.as("funnel-owner-changed"))
                .to(topics.aggFunnel(), Produced.with(Serdes.String(), CHANGED).withName("agg-funnel-owner"));
        return owners;
    }

    private static KStream<String, FunnelCell> cells(KTable<String, FunnelMember> members, String scope, String repartition, String store,
                                                     java.util.function.Function<FunnelMember, String> key) {
        return members.groupBy((id, member) -> KeyValue.pair(key.apply(member), member), Grouped.with(repartition, Serdes.String(), MEMBER))
                .aggregate(FunnelCell::empty,
                        (cellKey, member, cell) -> cell.plus(member),
                        (cellKey, member, cell) -> cell.minus(member),
                        Named.as(scope.equals("company") ? "funnel-cells" : "funnel-" + scope + "-cells"),
                        Materialized.<String, FunnelCell, KeyValueStore<Bytes, byte[]>>as(store)
                                .withKeySerde(Serdes.String()).withValueSerde(CELL))
                .toStream(Named.as(scope.equals("company") ? "cell-changes" : "funnel-" + scope + "-cell-changes"))
                .filter((k, cell) -> cell != null, Named.as("funnel-" + scope + "-present"));
    }

    /** Stamps the cell with the time of the change that moved it (the input record's timestamp). */
    private static final class ToFunnelChanged implements FixedKeyProcessor<String, FunnelCell, FunnelChanged> {

        private FixedKeyProcessorContext<String, FunnelChanged> context;

        @Override
        public void init(FixedKeyProcessorContext<String, FunnelChanged> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, FunnelCell> record) {
            FunnelCell cell = record.value();
            if (cell == null) {
                return;
            }
            // key = scopeType:scopeId:STAGE; neither a scope type, an id nor a stage contains ':'
            String key = record.key();
            int first = key.indexOf(':');
            int last = key.lastIndexOf(':');
            context.forward(record.withValue(new FunnelChanged(key.substring(0, first), key.substring(first + 1, last), key.substring(last + 1), cell.count(),
                    cell.amount(), cell.weighted(), Instant.ofEpochMilli(record.timestamp()))));
        }
    }
}
