package com.pulse.streams.kpis;

import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.ActivityChanged;
import com.pulse.events.ActivityFact;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.DeadLetter;
import com.pulse.events.EventJson;
import com.pulse.events.KpiChanged;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadFact;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.OwnerTeams;
import com.pulse.events.Pipeline;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The KPI application in a {@link TopologyTestDriver}. The wall clock starts at {@link #NOW} (Friday 27 Nov 2026, 18:00
 * in Shanghai) and moves only when a test moves it; {@link #flush()} lets the 100 ms publishing punctuation run.
 * {@link #latest()} keeps the last {@link KpiChanged} of every key, as a reader of the compacted topic would.
 */
final class KpiHarness implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final KpiTopics TOPICS = KpiTopics.of("");

    final TopologyTestDriver driver;
    private final Map<String, TestInputTopic<String, byte[]>> inputs = new LinkedHashMap<>();
    private final TestOutputTopic<String, byte[]> kpis;
    private final TestOutputTopic<String, byte[]> leads;
    private final TestOutputTopic<String, byte[]> activities;
    private final TestOutputTopic<String, byte[]> dlq;
    private final Map<String, KpiChanged> latest = new LinkedHashMap<>();
    private int published;
    private Instant wallClock = NOW;

    KpiHarness() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "kpi-topology-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        driver = new TopologyTestDriver(KpiTopology.build(TOPICS, Pipeline.DEFAULT, ZONE, KpiTopology.DEFAULT_FLUSH), config, NOW);
        for (String topic : List.of(TOPICS.opportunities(), TOPICS.leads(), TOPICS.activities(), TOPICS.accounts(), TOPICS.targets(),
                TOPICS.ownerTeams())) {
            inputs.put(topic, driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()));
        }
        kpis = driver.createOutputTopic(TOPICS.aggKpis(), new StringDeserializer(), new ByteArrayDeserializer());
        leads = driver.createOutputTopic(TOPICS.aggLeads(), new StringDeserializer(), new ByteArrayDeserializer());
        activities = driver.createOutputTopic(TOPICS.aggActivities(), new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(TOPICS.dlq(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    // ---- inputs, as the API publishes them ----

    /** An opportunity version; createdAt fixed per deal by the caller. */
    void opportunity(UUID id, long version, UUID owner, String stage, String amountBase, int probability, Instant createdAt,
                     Instant closedAt, boolean deleted) {
        OpportunitySnapshot s = new OpportunitySnapshot(id, null, owner, "Deal", stage, new BigDecimal(amountBase), "CNY",
                new BigDecimal(amountBase), probability, null, null, closedAt, createdAt, NOW, deleted, version);
        send(TOPICS.opportunities(), id, CloudEventCodec.encode(new OpportunityChanged(eventId(id, version), id, version, op(version, deleted),
                "tester", NOW, s), "/pulse/api"));
    }

    void lead(UUID id, long version, UUID owner, String status, Instant createdAt, Instant convertedAt, Instant updatedAt, boolean deleted) {
        LeadSnapshot s = new LeadSnapshot(id, "WEB", null, "Acme", "Ann", null, null, null, status, null, convertedAt, null, null, null,
                owner, createdAt, updatedAt, deleted, version);
        send(TOPICS.leads(), id, CloudEventCodec.encode(new LeadChanged(eventId(id, version), id, version, op(version, deleted), "tester",
                updatedAt, s), "/pulse/api"));
    }

    void activity(UUID id, long version, UUID owner, String type, Instant completedAt, boolean deleted) {
        ActivitySnapshot s = new ActivitySnapshot(id, type, "Call", null, null, null, null, null, completedAt, owner, NOW.minusSeconds(3600),
                NOW, deleted, version);
        send(TOPICS.activities(), id, CloudEventCodec.encode(new ActivityChanged(eventId(id, version), id, version, op(version, deleted),
                "tester", NOW, s), "/pulse/api"));
    }

    void account(UUID id, long version, UUID owner, String tier, String type, String status, Instant createdAt, boolean deleted) {
        AccountSnapshot s = new AccountSnapshot(id, "Acme " + id, "Software", "East", tier, type, null, owner, List.of(), status, createdAt,
                NOW, deleted, version);
        send(TOPICS.accounts(), id, CloudEventCodec.encode(new AccountChanged(eventId(id, version), id, version, op(version, deleted),
                "tester", NOW, s), "/pulse/api"));
    }

    void target(UUID id, long version, String scopeType, UUID scopeId, String periodType, String period, String metric, String value,
                boolean deleted) {
        TargetSnapshot s = new TargetSnapshot(id, scopeType, scopeId, periodType, period, metric, new BigDecimal(value), NOW, NOW, deleted,
                version);
        send(TOPICS.targets(), id, CloudEventCodec.encode(new TargetChanged(eventId(id, version), id, version, op(version, deleted), "tester",
                NOW, s), "/pulse/api"));
    }

    /** What the scopes task publishes when an owner's place in the tree changes (own team first). */
    void ownerTeams(UUID owner, UUID... path) {
        send(TOPICS.ownerTeams(), owner, EventJson.write(new OwnerTeams(owner, path.length == 0 ? null : path[0], List.of(path), NOW)));
    }

    void raw(String topic, String key, byte[] value) {
        inputs.get(topic).pipeInput(key, value, NOW);
    }

    private void send(String topic, UUID key, byte[] value) {
        inputs.get(topic).pipeInput(key.toString(), value, NOW);
    }

    // ---- time and outputs ----

    /** Lets the publishing punctuation run once (the wall clock moves by the flush interval). */
    KpiHarness flush() {
        advance(KpiTopology.DEFAULT_FLUSH);
        return this;
    }

    void advance(Duration d) {
        wallClock = wallClock.plus(d);
        driver.advanceWallClockTime(d);
    }

    /** Moves the wall clock to {@code at} in one step (one punctuation). */
    void advanceTo(Instant at) {
        advance(Duration.between(wallClock, at));
    }

    /** The last message of every KPI key published so far. */
    Map<String, KpiChanged> latest() {
        while (!kpis.isEmpty()) {
            KpiChanged k = EventJson.read(kpis.readValue(), KpiChanged.class);
            latest.put(k.key(), k);
            published++;
        }
        return latest;
    }

    KpiChanged company(String period) {
        return get("COMPANY", "company", period);
    }

    KpiChanged get(String scopeType, String scopeId, String period) {
        return latest().get(KpiChanged.key(scopeType, scopeId, period));
    }

    /** How many KPI messages were published so far (after {@link #latest()} drained them). */
    int published() {
        latest();
        return published;
    }

    List<LeadFact> leadFacts() {
        return leads.readValuesToList().stream().map(v -> EventJson.read(v, LeadFact.class)).toList();
    }

    List<ActivityFact> activityFacts() {
        return activities.readValuesToList().stream().map(v -> EventJson.read(v, ActivityFact.class)).toList();
    }

    List<DeadLetter> deadLetters() {
        return dlq.readValuesToList().stream().map(v -> EventJson.read(v, DeadLetter.class)).toList();
    }

    @Override
    public void close() {
        driver.close();
    }

    private static Operation op(long version, boolean deleted) {
        return deleted ? Operation.DELETED : version == 1 ? Operation.CREATED : Operation.UPDATED;
    }

    private static UUID eventId(UUID id, long version) {
        return UUID.nameUUIDFromBytes((id + "/" + version).getBytes(StandardCharsets.UTF_8));
    }
}
