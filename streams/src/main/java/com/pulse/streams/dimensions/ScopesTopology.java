package com.pulse.streams.dimensions;

import com.pulse.events.DomainEvent;
import com.pulse.events.EventSerdes;
import com.pulse.events.ForecastChanged;
import com.pulse.events.ForecastSnapshot;
import com.pulse.events.FunnelChanged;
import com.pulse.events.OwnerTeams;
import com.pulse.events.TargetChanged;
import com.pulse.events.TeamChanged;
import com.pulse.events.UserChanged;
import com.pulse.streams.TopicNames;
import com.pulse.streams.dimensions.OrgTree.TeamDim;
import com.pulse.streams.dimensions.OrgTree.UserDim;
import com.pulse.streams.dimensions.ScopesProcessor.OwnerPath;
import com.pulse.streams.forecast.ForecastCell;
import com.pulse.streams.forecast.ForecastTopology;
import com.pulse.streams.funnel.FunnelCell;
import com.pulse.streams.funnel.FunnelTopology;
import com.pulse.streams.targets.TargetBook;
import com.pulse.streams.targets.TargetBook.TargetDim;
import java.time.Duration;
import java.time.ZoneId;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Team scopes, targets and the monthly freeze: everything that needs the whole organisation at once.
 *
 * <pre>
 * crm.users.v1, crm.teams.v1, crm.targets.v1 (bytes) ─ decode ─┬─ poison → pulse.dlq.v1
 *                                                              └─┐
 * owner funnel cells (OWNER:id:STAGE) ─────────────────────────────┼→ key "scopes" → repartition (1 partition)
 * COMPANY / OWNER forecast cells (raw, each deal in its own month) ─┘     → ScopesProcessor (wall-clock punctuation)
 *        ├→ TEAM funnel cells                    → pulse.agg.funnel.v1
 *        ├→ COMPANY, TEAM, OWNER forecast cells  → pulse.agg.forecast.v1
 *        ├→ frozen months and their errors       → pulse.agg.forecast-snapshots.v1
 *        └→ owners' team paths when they change  → pulse.agg.owner-teams.v1 (read back as a global store)
 * </pre>
 * Why one partition: users and teams are tens to hundreds, and a team's cell needs every owner below it, so the
 * roll-up needs the whole tree and all owner cells in one place. Its input is cells (a few per opportunity change),
 * not opportunities, and its state is owners × stages and scopes × months, so one task carries it.
 */
public final class ScopesTopology {

    /** How often the wall clock is looked at for a month roll-over and the freeze. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(10);

    /**
     * Streams config entry (YYYY-MM): the last month whose forecast was already frozen before a rebuild. The replay
     * runs with empty stores; without it a rebuild on a month's first day would freeze that month again from
     * half-replayed figures (and the newer row would win in ClickHouse). Set by {@code RebuildCommand} from
     * {@code forecast_snapshots}.
     */
    public static final String FROZEN_THROUGH_CONFIG = "pulse.forecast.frozen-through";
    /**
     * A JSON file (a list of {@link com.pulse.events.ForecastSnapshot}) with the months frozen before a rebuild that
     * have not ended yet. A replay starts the snapshot store empty; seeded from this file, the store completes those
     * months with their actual closedWon and error when they end, as if no rebuild had happened. Written by
     * {@code RebuildCommand} from {@code forecast_snapshots}; the snapshots are already there, so they are not
     * published again.
     */
    public static final String FROZEN_OPEN_CONFIG = "pulse.forecast.frozen-open";
    static final String SCOPES_KEY = "scopes";
    private static final Serde<ScopeInput> INPUT = EventSerdes.json(ScopeInput.class);

    private ScopesTopology() {
    }

    public static void build(StreamsBuilder builder, TopicNames topics, ZoneId zone, KStream<String, FunnelCell> ownerFunnel,
                             KStream<String, ForecastCell> forecastCells) {
        build(builder, topics, zone, DEFAULT_TICK, ownerFunnel, forecastCells);
    }

    public static void build(StreamsBuilder builder, TopicNames topics, ZoneId zone, Duration tick, KStream<String, FunnelCell> ownerFunnel,
                             KStream<String, ForecastCell> forecastCells) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OrgTree.USERS), Serdes.String(),
                EventSerdes.json(UserDim.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OrgTree.TEAMS), Serdes.String(),
                EventSerdes.json(TeamDim.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TargetBook.BY_ID), Serdes.String(),
                EventSerdes.json(TargetDim.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TargetBook.INDEX), Serdes.String(),
                EventSerdes.json(TargetDim.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ScopesProcessor.OWNER_PATHS), Serdes.String(),
                EventSerdes.json(OwnerPath.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ScopesProcessor.FUNNEL_CELLS), Serdes.String(),
                FunnelTopology.CELL));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ScopesProcessor.FORECAST_CELLS), Serdes.String(),
                ForecastTopology.CELL));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ScopesProcessor.CLOCK), Serdes.String(),
                Serdes.String()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ScopesProcessor.SNAPSHOTS), Serdes.String(),
                EventSerdes.json(ForecastSnapshot.class)));

        KStream<String, ScopeInput> users = entities(builder, topics, topics.users(), "users", UserChanged.class, UserChanged::snapshot, ScopeInput::of);
        KStream<String, ScopeInput> teams = entities(builder, topics, topics.teams(), "teams", TeamChanged.class, TeamChanged::snapshot, ScopeInput::of);
        KStream<String, ScopeInput> targets = entities(builder, topics, topics.targets(), "targets", TargetChanged.class, TargetChanged::snapshot,
                ScopeInput::of);

        KStream<String, ScopeOutput> out = ownerFunnel.mapValues((k, v) -> ScopeInput.ofFunnel(k, v), Named.as("scopes-owner-funnel"))
                .merge(forecastCells.mapValues((k, v) -> ScopeInput.ofForecast(k, v), Named.as("scopes-forecast")), Named.as("scopes-merge-forecast"))
                .merge(users, Named.as("scopes-merge-users"))
                .merge(teams, Named.as("scopes-merge-teams"))
                .merge(targets, Named.as("scopes-merge-targets"))
                .selectKey((k, v) -> SCOPES_KEY, Named.as("scopes-key"))
                .repartition(Repartitioned.<String, ScopeInput>as("scopes").withKeySerde(Serdes.String()).withValueSerde(INPUT)
                        .withNumberOfPartitions(1))
                .process(() -> new ScopesProcessor(zone, tick), Named.as("scopes-processor"),
                        OrgTree.USERS, OrgTree.TEAMS, TargetBook.BY_ID, TargetBook.INDEX, ScopesProcessor.OWNER_PATHS,
                        ScopesProcessor.FUNNEL_CELLS, ScopesProcessor.FORECAST_CELLS, ScopesProcessor.CLOCK, ScopesProcessor.SNAPSHOTS);

        out.filter((k, v) -> v.funnel() != null, Named.as("scopes-funnel-out")).mapValues(ScopeOutput::funnel, Named.as("scopes-funnel-value"))
                .to(topics.aggFunnel(), Produced.with(Serdes.String(), EventSerdes.json(FunnelChanged.class)).withName("agg-funnel-team"));
        out.filter((k, v) -> v.forecast() != null, Named.as("scopes-forecast-out")).mapValues(ScopeOutput::forecast, Named.as("scopes-forecast-value"))
                .to(topics.aggForecast(), Produced.with(Serdes.String(), EventSerdes.json(ForecastChanged.class)).withName("agg-forecast"));
        out.filter((k, v) -> v.snapshot() != null, Named.as("scopes-snapshot-out")).mapValues(ScopeOutput::snapshot, Named.as("scopes-snapshot-value"))
                .to(topics.aggForecastSnapshots(), Produced.with(Serdes.String(), EventSerdes.json(ForecastSnapshot.class))
                        .withName("agg-forecast-snapshots"));
        out.filter((k, v) -> v.ownerTeams() != null, Named.as("scopes-owner-teams-out")).mapValues(ScopeOutput::ownerTeams, Named.as("scopes-owner-teams-value"))
                .to(topics.aggOwnerTeams(), Produced.with(Serdes.String(), EventSerdes.json(OwnerTeams.class)).withName("agg-owner-teams"));
    }

    private static <T extends DomainEvent> KStream<String, ScopeInput> entities(StreamsBuilder builder, TopicNames topics, String topic, String name,
                                                                               Class<T> type, Function<T, Object> snapshot,
                                                                               Function<T, ScopeInput> input) {
        KStream<String, DecodedEntity> decoded = builder
                .stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name))
                .processValues(() -> new DecodeEntity<>(type, snapshot, input), Named.as("decode-" + name));
        decoded.filter((k, d) -> d.deadLetter() != null, Named.as(name + "-dead"))
                .mapValues(DecodedEntity::deadLetter, Named.as(name + "-dead-letter"))
                .to(topics.dlq(), Produced.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-dlq"));
        return decoded.filter((k, d) -> d.input() != null, Named.as(name + "-ok"))
                .mapValues(DecodedEntity::input, Named.as(name + "-input"));
    }
}
