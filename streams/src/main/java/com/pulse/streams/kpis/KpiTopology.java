package com.pulse.streams.kpis;

import static com.pulse.streams.kpis.DecodeKpiInput.require;

import com.pulse.events.AccountChanged;
import com.pulse.events.ActivityChanged;
import com.pulse.events.ActivityFact;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import com.pulse.events.EventJson;
import com.pulse.events.EventSerdes;
import com.pulse.events.KpiChanged;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadFact;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OwnerTeams;
import com.pulse.events.Pipeline;
import com.pulse.events.TargetChanged;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sales KPIs (METRICS.md §KPIs) and the lead and activity facts, as their own Kafka Streams application.
 *
 * <pre>
 * crm.opportunities.v1, crm.leads.v1, crm.activities.v1, crm.accounts.v1, crm.targets.v1 (CloudEvents),
 * pulse.agg.owner-teams.v1 (the scopes task's owner → team path) ─ decode ─┬─ poison → pulse.dlq.v1
 *                                                                          └─ key "kpis" → repartition (1 partition)
 *    → KpiProcessor (version filter, cells per scope × day/month/now, targets, wall-clock punctuation)
 *        ├→ KpiChanged per scope × period → pulse.agg.kpis.v1      → ClickHouse kpis, kpi_targets
 *        ├→ LeadFact                      → pulse.agg.leads.v1     → ClickHouse leads
 *        └→ ActivityFact                  → pulse.agg.activities.v1 → ClickHouse activities
 * </pre>
 * Its own application (not a sub-topology of {@code pulse-streams}) because a Kafka Streams application may subscribe a
 * topic only once, and the opportunity, account and target topics are already sources there; see streams/DESIGN.md.
 */
public final class KpiTopology {

    public static final Duration DEFAULT_FLUSH = Duration.ofMillis(100);
    static final String KEY = "kpis";
    private static final Logger log = LoggerFactory.getLogger(KpiTopology.class);
    private static final Serde<KpiInput> INPUT = EventSerdes.json(KpiInput.class);

    private KpiTopology() {
    }

    public static Topology build(KpiTopics topics, Pipeline pipeline, ZoneId zone, Duration flush) {
        StreamsBuilder builder = new StreamsBuilder();
        for (String store : KpiProcessor.STORES) {
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(), serde(store)));
        }
        KStream<String, KpiInput> in = entity(builder, topics, topics.opportunities(), "opportunities", false, OpportunityChanged.class, (k, e) -> {
                    var s = e.snapshot();
                    require(s != null && s.createdAt() != null && s.amountBase() != null && s.stage() != null,
                            "opportunity snapshot lacks createdAt, amountBase or stage");
                    require(s.probability() >= 0 && s.probability() <= 100, "probability out of 0..100: " + s.probability());
                    return KpiInput.of(s, e.aggregateVersion());
                })
                .merge(entity(builder, topics, topics.leads(), "leads", true, LeadChanged.class, (k, e) -> {
                    require(e.snapshot() != null && e.snapshot().createdAt() != null, "lead snapshot lacks createdAt");
                    return KpiInput.of(e.snapshot(), e.aggregateVersion());
                }), Named.as("kpi-merge-leads"))
                .merge(entity(builder, topics, topics.activities(), "activities", true, ActivityChanged.class, (k, e) -> {
                    require(e.snapshot() != null, "activity event has no snapshot");
                    return KpiInput.of(e.snapshot(), e.aggregateVersion());
                }), Named.as("kpi-merge-activities"))
                .merge(entity(builder, topics, topics.accounts(), "accounts", false, AccountChanged.class, (k, e) -> {
                    require(e.snapshot() != null, "account event has no snapshot");
                    return KpiInput.of(e.snapshot(), e.aggregateVersion());
                }), Named.as("kpi-merge-accounts"))
                .merge(entity(builder, topics, topics.targets(), "targets", false, TargetChanged.class, (k, e) -> {
                    var s = e.snapshot();
                    require(s != null && s.value() != null && s.scopeId() != null && s.period() != null,
                            "target snapshot lacks value, scopeId or period");
                    return KpiInput.of(s, e.aggregateVersion());
                }), Named.as("kpi-merge-targets"))
                .merge(decoded(builder, topics, topics.ownerTeams(), "owner-teams", true, (key, bytes) -> {
                    OwnerTeams t = EventJson.read(bytes, OwnerTeams.class);
                    require(t.ownerId() != null && Objects.equals(key, t.ownerId().toString()), "record key '" + key + "' is not the owner id");
                    return KpiInput.of(t);
                }), Named.as("kpi-merge-owner-teams"));

        KStream<String, KpiOutput> out = in.selectKey((k, v) -> KEY, Named.as("kpi-key"))
                .repartition(Repartitioned.<String, KpiInput>as("kpis").withKeySerde(Serdes.String()).withValueSerde(INPUT)
                        .withNumberOfPartitions(1))
                .process(() -> new KpiProcessor(new Contributions(pipeline, zone), zone, flush), Named.as("kpi-processor"),
                        KpiProcessor.STORES.toArray(String[]::new));
        out.filter((k, v) -> v.kpi() != null, Named.as("kpi-out")).mapValues(KpiOutput::kpi, Named.as("kpi-value"))
                .to(topics.aggKpis(), Produced.with(Serdes.String(), EventSerdes.json(KpiChanged.class)).withName("agg-kpis"));
        out.filter((k, v) -> v.lead() != null, Named.as("lead-out")).mapValues(KpiOutput::lead, Named.as("lead-value"))
                .to(topics.aggLeads(), Produced.with(Serdes.String(), EventSerdes.json(LeadFact.class)).withName("agg-leads"));
        out.filter((k, v) -> v.activity() != null, Named.as("activity-out")).mapValues(KpiOutput::activity, Named.as("activity-value"))
                .to(topics.aggActivities(), Produced.with(Serdes.String(), EventSerdes.json(ActivityFact.class)).withName("agg-activities"));
        return builder.build();
    }

    private static Serde<?> serde(String store) {
        return switch (store) {
            case KpiProcessor.RECORDS -> EventSerdes.json(RecordState.class);
            case KpiProcessor.PATHS -> EventSerdes.json(OwnerTeams.class);
            case KpiProcessor.CELLS -> EventSerdes.json(KpiCell.class);
            default -> Serdes.String();
        };
    }

    private static <T extends DomainEvent> KStream<String, KpiInput> entity(StreamsBuilder builder, KpiTopics topics, String topic, String name,
                                                                           boolean deadLetter, Class<T> type,
                                                                           BiFunction<String, T, KpiInput> input) {
        return decoded(builder, topics, topic, name, deadLetter, (key, bytes) -> {
            T event = CloudEventCodec.decode(bytes, type);
            require(Objects.equals(key, String.valueOf(event.aggregateId())), "record key '" + key + "' is not the aggregate id " + event.aggregateId());
            return input.apply(key, event);
        });
    }

    /**
     * @param deadLetter whether a record that cannot be used is sent to pulse.dlq.v1; false for the topics pulse-streams
     *                   also reads (opportunities, accounts, targets), which dead-letters them already: one letter per
     *                   bad record, not one per reader of it (those are skipped here)
     */
    private static KStream<String, KpiInput> decoded(StreamsBuilder builder, KpiTopics topics, String topic, String name, boolean deadLetter,
                                                     BiFunction<String, byte[], KpiInput> decode) {
        KStream<String, DecodeKpiInput.Decoded> decoded = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("kpi-" + name))
                .processValues(() -> new DecodeKpiInput(decode), Named.as("kpi-decode-" + name));
        if (deadLetter) {
            decoded.filter((k, d) -> d.deadLetter() != null, Named.as("kpi-" + name + "-dead"))
                    .mapValues(DecodeKpiInput.Decoded::deadLetter, Named.as("kpi-" + name + "-dead-letter"))
                    .to(topics.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("kpi-" + name + "-dlq"));
        } else {
            decoded.filter((k, d) -> d.deadLetter() != null, Named.as("kpi-" + name + "-skipped"))
                    .foreach((k, d) -> log.warn("skipping an unusable record of {} (key {}); pulse-streams dead-letters it", topic, k),
                            Named.as("kpi-" + name + "-skip"));
        }
        return decoded.filter((k, d) -> d.input() != null, Named.as("kpi-" + name + "-ok"))
                .mapValues(DecodeKpiInput.Decoded::input, Named.as("kpi-" + name + "-input"));
    }
}
