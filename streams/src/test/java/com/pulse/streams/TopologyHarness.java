package com.pulse.streams;

import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.Operation;
import com.pulse.events.Pipeline;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import com.pulse.streams.funnel.FunnelTopology;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The whole streams topology in a {@link TopologyTestDriver}, fed with {@link TestDeal}s, users, teams and targets.
 * The wall clock starts at {@link #WALL_CLOCK} (27 Nov 2026, 18:00 in Shanghai) and moves only when a test moves it.
 */
public final class TopologyHarness implements AutoCloseable {

    public static final TopicNames TOPICS = TopicNames.of("");
    public static final Instant WALL_CLOCK = Instant.parse("2026-11-27T10:00:00Z");

    public final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> opportunities;
    private final TestInputTopic<String, byte[]> users;
    private final TestInputTopic<String, byte[]> teams;
    private final TestInputTopic<String, byte[]> targets;
    private final TestInputTopic<String, byte[]> accounts;
    private Instant eventTime = WALL_CLOCK;

    public TopologyHarness(ZoneId zone) {
        this(zone, WALL_CLOCK);
    }

    public TopologyHarness(ZoneId zone, Instant wallClock) {
        this(zone, wallClock, Map.of());
    }

    /** With extra Kafka Streams config entries, as the service passes them (e.g. the rebuild's frozen month). */
    public TopologyHarness(ZoneId zone, Instant wallClock, Map<String, String> extraConfig) {
        StreamsBuilder builder = new StreamsBuilder();
        FunnelTopology.build(builder, TOPICS, Pipeline.DEFAULT, zone);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "topology-tests");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        config.putAll(extraConfig);
        driver = new TopologyTestDriver(builder.build(), config, wallClock);
        opportunities = driver.createInputTopic(TOPICS.opportunities(), new StringSerializer(), new ByteArraySerializer());
        users = driver.createInputTopic(TOPICS.users(), new StringSerializer(), new ByteArraySerializer());
        teams = driver.createInputTopic(TOPICS.teams(), new StringSerializer(), new ByteArraySerializer());
        targets = driver.createInputTopic(TOPICS.targets(), new StringSerializer(), new ByteArraySerializer());
        accounts = driver.createInputTopic(TOPICS.accounts(), new StringSerializer(), new ByteArraySerializer());
    }

    public TestOutputTopic<String, byte[]> output(String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void send(TestDeal deal) {
        opportunities.pipeInput(deal.id().toString(), CloudEventCodec.encode(deal.event(), "/pulse/api"), deal.at());
    }

    public void send(TestDeal deal, UUID accountId) {
        opportunities.pipeInput(deal.id().toString(), CloudEventCodec.encode(deal.event(accountId), "/pulse/api"), deal.at());
    }

    /** A user version as the API publishes it; only the team matters to the streams. */
    public void user(UUID id, long version, UUID teamId) {
        eventTime = eventTime.plusSeconds(1);
        UserSnapshot s = new UserSnapshot(id, "user-" + id, "User " + id, id + "@example.com", null, "en", "Asia/Shanghai",
                List.of("REP"), teamId, true, eventTime, eventTime, false, version);
        UserChanged e = new UserChanged(eventId(id, version), id, version, version == 1 ? Operation.CREATED : Operation.UPDATED, "tester",
                eventTime, s);
        users.pipeInput(id.toString(), CloudEventCodec.encode(e, "/pulse/api"), eventTime);
    }

    public void team(UUID id, long version, UUID parentId, boolean deleted) {
        eventTime = eventTime.plusSeconds(1);
        TeamSnapshot s = new TeamSnapshot(id, "Team " + id, parentId, null, eventTime, eventTime, deleted, version);
        TeamChanged e = new TeamChanged(eventId(id, version), id, version, deleted ? Operation.DELETED : version == 1 ? Operation.CREATED
                : Operation.UPDATED, "tester", eventTime, s);
        teams.pipeInput(id.toString(), CloudEventCodec.encode(e, "/pulse/api"), eventTime);
    }

    /** A target version: scope TEAM or USER, period YEAR "2027", QUARTER "2027-Q1" or MONTH "2027-01". */
    public void target(UUID id, long version, String scopeType, UUID scopeId, String periodType, String period, String metric, String value,
                       boolean deleted) {
        eventTime = eventTime.plusSeconds(1);
        TargetSnapshot s = new TargetSnapshot(id, scopeType, scopeId, periodType, period, metric, new BigDecimal(value), eventTime, eventTime,
                deleted, version);
        TargetChanged e = new TargetChanged(eventId(id, version), id, version, deleted ? Operation.DELETED : version == 1 ? Operation.CREATED
                : Operation.UPDATED, "tester", eventTime, s);
        targets.pipeInput(id.toString(), CloudEventCodec.encode(e, "/pulse/api"), eventTime);
    }

    /** An account version; only industry, region and tier matter to the streams. */
    public void account(UUID id, long version, String industry, String region, String tier) {
        eventTime = eventTime.plusSeconds(1);
        AccountSnapshot s = new AccountSnapshot(id, "Account " + id, industry, region, tier, "CUSTOMER", null, null, List.of(), "ACTIVE",
                eventTime, eventTime, false, version);
        AccountChanged e = new AccountChanged(eventId(id, version), id, version, version == 1 ? Operation.CREATED : Operation.UPDATED,
                "tester", eventTime, s);
        accounts.pipeInput(id.toString(), CloudEventCodec.encode(e, "/pulse/api"), eventTime);
    }

    /** A raw record on the users topic (poison tests). */
    public void rawUser(String key, byte[] value) {
        users.pipeInput(key, value, eventTime);
    }

    /** Moves the wall clock; wall-clock punctuations (month roll-over, freeze) run as they fall due. */
    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    private static UUID eventId(UUID id, long version) {
        return UUID.nameUUIDFromBytes((id + "/" + version).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        driver.close();
    }
}
