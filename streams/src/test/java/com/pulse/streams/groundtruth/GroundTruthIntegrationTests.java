package com.pulse.streams.groundtruth;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.TopicNames;
import com.pulse.streams.rebuild.RebuildTarget;
import com.pulse.streams.rebuild.ReplayPlan;
import com.pulse.streams.rebuild.ReplayProgress;
import com.pulse.streams.rebuild.SourceTopics;
import com.pulse.streams.system.PulseProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * METRICS.md ground truth (issue 4): 10,000 opportunities and 50,000 changes after their creation, published to
 * {@code crm.opportunities.v1} as the API's outbox relay publishes them, with duplicate and stale redeliveries mixed
 * in; once the service has processed everything, every figure ClickHouse holds equals the recomputation over the
 * final snapshots and versions (the API's tables). The owners sit in a team tree published on {@code crm.users.v1}
 * and {@code crm.teams.v1}, so the team scopes are checked too. The figures compared are listed in {@link Figure#ALL}.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class GroundTruthIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(GroundTruthIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());
    static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    static final int OPPORTUNITIES = 10_000;
    static final int CHANGES = 50_000;
    static final int OWNERS = 12;

    static OpportunityHistory history;
    static Map<UUID, List<UUID>> teamPaths;
    static Deliveries deliveries;
    static ClickHouseGateway clickHouse;
    static Admin admin;
    static ReplayPlan published;

    @Autowired
    PulseProperties pulse;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** The whole history waits in the topic when the service starts, as after a deploy or a rebuild. */
    @BeforeAll
    static void publish() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()));
        admin.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1), new NewTopic(TOPICS.users(), 3, (short) 1),
                new NewTopic(TOPICS.teams(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        history = OpportunityHistory.generate(4, OPPORTUNITIES, CHANGES, OWNERS);
        teamPaths = publishOrganisation(history.owners());
        deliveries = Deliveries.of(history, 5, 0.05, 0.05);
        long started = System.nanoTime();
        try (OutboxLikePublisher publisher = new OutboxLikePublisher(NS.kafkaBootstrap(), TOPICS.opportunities())) {
            publisher.publish(deliveries.events);
        }
        System.out.printf("ground truth: published %,d deliveries (%,d events, %,d duplicates, %,d stale) in %d ms%n",
                deliveries.events.size(), history.events(), deliveries.duplicates, deliveries.stale,
                (System.nanoTime() - started) / 1_000_000);
        published = ReplayPlan.of(admin, new SourceTopics(NS.topicPrefix()));
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
    }

    /**
     * Two departments; the first with two sub-teams, the second with one; the owners spread over the three sub-teams
     * and the second department itself, as the API publishes users and teams. Returns each owner's team path.
     */
    static Map<UUID, List<UUID>> publishOrganisation(List<UUID> owners) throws Exception {
        UUID north = new UUID(7, 1);
        UUID south = new UUID(7, 2);
        UUID northA = new UUID(7, 11);
        UUID northB = new UUID(7, 12);
        UUID southA = new UUID(7, 21);
        Map<UUID, UUID> parents = new java.util.LinkedHashMap<>();
        parents.put(north, null);
        parents.put(south, null);
        parents.put(northA, north);
        parents.put(northB, north);
        parents.put(southA, south);
        List<UUID> homes = List.of(northA, northB, southA, south);
        Instant at = Instant.parse("2026-05-01T00:00:00Z");
        Map<UUID, List<UUID>> paths = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            for (Map.Entry<UUID, UUID> team : parents.entrySet()) {
                TeamSnapshot t = new TeamSnapshot(team.getKey(), "Team " + team.getKey(), team.getValue(), null, at, at, false, 1);
                producer.send(new ProducerRecord<>(TOPICS.teams(), t.id().toString(), CloudEventCodec.encode(
                        new TeamChanged(UUID.randomUUID(), t.id(), 1, Operation.CREATED, "admin", at, t), "/pulse/api"))).get();
            }
            for (int i = 0; i < owners.size(); i++) {
                UUID owner = owners.get(i);
                UUID home = homes.get(i % homes.size());
                UserSnapshot u = new UserSnapshot(owner, "owner" + i, "Owner " + i, "owner" + i + "@example.com", null, "en",
                        "Asia/Shanghai", List.of("REP"), home, true, at, at, false, 1);
                producer.send(new ProducerRecord<>(TOPICS.users(), owner.toString(), CloudEventCodec.encode(
                        new UserChanged(UUID.randomUUID(), owner, 1, Operation.CREATED, "admin", at, u), "/pulse/api"))).get();
                List<UUID> path = new ArrayList<>();
                for (UUID team = home; team != null; team = parents.get(team)) {
                    path.add(team);
                }
                paths.put(owner, path);
            }
        }
        return paths;
    }

    @AfterAll
    static void close() {
        admin.close();
        clickHouse.close();
    }

    @Test
    void everyFigureInClickHouseEqualsTheRecomputationFromTheApisRows() throws Exception {
        // given: the dataset is what the issue asks for
        assertThat(history.perOpportunity).hasSize(OPPORTUNITIES);
        assertThat(history.events() - OPPORTUNITIES).isGreaterThanOrEqualTo(CHANGES);
        assertThat(deliveries.duplicates).isPositive();
        assertThat(deliveries.stale).isPositive();
        Map<Operation, Long> operations = new HashMap<>();
        history.perOpportunity.forEach(v -> v.forEach(e -> operations.merge(e.operation(), 1L, Long::sum)));
        assertThat(operations).containsKeys(Operation.CREATED, Operation.UPDATED, Operation.DELETED, Operation.RESTORED);

        // when: the service has read every delivery and the sink has written everything
        long started = System.nanoTime();
        try (ReplayProgress progress = new ReplayProgress(admin, NS.kafkaBootstrap(), RebuildTarget.of(pulse), published)) {
            progress.await(Duration.ofMinutes(10), p -> { });   // ~1 min on a quiet machine, 4+ at load 35
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ground truth: %,d deliveries through streams into ClickHouse in %.1f s (%,.0f/s)%n",
                deliveries.events.size(), seconds, deliveries.events.size() / seconds);

        // then: every figure equals its recomputation
        Recomputation truth = new Recomputation(history.finalSnapshots(), history.perOpportunity, COMPANY_ZONE, LocalDate.now(COMPANY_ZONE),
                teamPaths);
        // the KPI periods are not empty: wins and losses in the trailing 90 days, revenue won this year
        List<String> companyYear = truth.kpis().get("COMPANY:company:YTD");
        assertThat(new java.math.BigDecimal(companyYear.get(0))).as("revenue won this year").isPositive();
        assertThat(companyYear.get(4)).as("win rate over 90 days").isNotNull();
        for (Figure figure : Figure.ALL) {
            Map<String, List<String>> expected = figure.expected().apply(truth);
            Map<String, List<String>> actual = figure.comparableActual(figure.actual().apply(clickHouse), expected);
            assertThat(expected).as(figure.name()).hasSizeGreaterThan(4);
            assertThat(differences(expected, actual)).as(figure.name() + ": cells that differ (of " + expected.size() + ")").isEmpty();
            System.out.printf("ground truth: %s — %,d cells equal%n", figure.name(), expected.size());
        }
        // and: one opportunity_versions row per version, duplicates and stale redeliveries collapsed
        assertThat(clickHouse.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c")).isEqualTo((long) history.events());
    }

    /** At most 20 differences, readable: key, expected, actual. */
    static List<String> differences(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String key : keys) {
            if (!Objects.equals(expected.get(key), actual.get(key)) && differences.size() < 20) {
                differences.add(key + ": expected " + expected.get(key) + ", ClickHouse " + actual.get(key));
            }
        }
        return differences;
    }
}
