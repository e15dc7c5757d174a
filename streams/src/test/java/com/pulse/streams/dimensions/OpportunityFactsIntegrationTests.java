package com.pulse.streams.dimensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.TopicNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ClickHouse {@code opportunities} on the shared devstack: teams, users and accounts first (with stale and duplicate
 * versions), then opportunities with duplicates and stale versions; every row must equal the latest produced version
 * of its opportunity with the owner's team path and the account's industry, region and tier joined in, and the month
 * parts in the company zone. The dimensions are produced first and a probe deal shows when the service knows them, so
 * the expectation does not depend on timing.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class OpportunityFactsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(OpportunityFactsIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final UUID SALES = UUID.randomUUID();
    static final UUID EAST = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID ACME = UUID.randomUUID();
    static final UUID GLOBEX = UUID.randomUUID();
    /** owner → expected team path as stored (department first, '/'-joined), account → [industry, region, tier]. */
    static final Map<UUID, String> PATHS = Map.of(ALICE, SALES + "/" + EAST, BOB, SALES.toString());
    static final Map<UUID, List<String>> ACCOUNTS = Map.of(ACME, List.of("MANUFACTURING", "EAST_CHINA", "A"),
            GLOBEX, List.of("RETAIL", "NORTH_CHINA", "C"));

    static KafkaProducer<String, byte[]> producer;
    static ClickHouseGateway clickHouse;
    static final Map<UUID, OpportunitySnapshot> latest = new LinkedHashMap<>();
    static final java.util.Set<String> probes = new java.util.HashSet<>();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void dimensions() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1), new NewTopic(TOPICS.users(), 3, (short) 1),
                    new NewTopic(TOPICS.teams(), 3, (short) 1), new NewTopic(TOPICS.accounts(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));

        send(TOPICS.teams(), team(SALES, 1, null));
        send(TOPICS.teams(), team(EAST, 1, SALES));
        UserChanged aliceInSales = user(ALICE, 1, SALES);
        send(TOPICS.users(), aliceInSales);
        send(TOPICS.users(), user(ALICE, 2, EAST));
        send(TOPICS.users(), aliceInSales);                 // stale
        send(TOPICS.users(), user(BOB, 1, SALES));
        AccountChanged acmeFirst = account(ACME, 1, List.of("RETAIL", "SOUTH_CHINA", "D"));
        send(TOPICS.accounts(), acmeFirst);
        send(TOPICS.accounts(), account(ACME, 2, ACCOUNTS.get(ACME)));
        send(TOPICS.accounts(), acmeFirst);                 // stale
        send(TOPICS.accounts(), account(GLOBEX, 1, ACCOUNTS.get(GLOBEX)));
    }

    @AfterAll
    static void stop() {
        producer.close();
        clickHouse.close();
    }

    @Test
    void everyOpportunityRowIsItsLatestVersionWithItsDimensions() throws Exception {
        // given: the service knows the dimensions (a probe deal of ALICE at GLOBEX shows both)
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            UUID probe = UUID.randomUUID();
            probes.add(probe.toString());
            opportunity(probe, 1, ALICE, GLOBEX, "PROSPECTING", LocalDate.of(2026, 12, 1), null, false);
            latest.remove(probe);   // a probe may have been enriched before the dimensions arrived: not part of the expectation
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> !rows(probe).isEmpty());
            assertThat(rows(probe).get(0)).containsEntry("team_path", PATHS.get(ALICE)).containsEntry("tier", "C");
        });

        // when: deals for both owners, one without owner, both accounts and none; duplicates and stale versions
        Random random = new Random(11);
        List<PipelineStage> stages = Pipeline.DEFAULT.stages();
        List<UUID> owners = Arrays.asList(ALICE, BOB, null);
        List<UUID> accounts = Arrays.asList(ACME, GLOBEX, null);
        for (int i = 0; i < 24; i++) {
            UUID id = UUID.randomUUID();
            PipelineStage stage = stages.get(random.nextInt(stages.size()));
            UUID owner = owners.get(i % 3);
            UUID account = accounts.get((i / 3) % 3);
            OpportunityChanged v1 = opportunity(id, 1, owner, account, "PROSPECTING", LocalDate.of(2026, 12, 1 + i), null, false);
            OpportunityChanged v2 = opportunity(id, 2, owner, account, stage.name(), LocalDate.of(2027, 1, 1 + i),
                    stage.isOpen() ? null : Instant.parse("2026-11-30T17:00:00Z"), i % 7 == 3);
            if (i % 4 == 0) {
                send(TOPICS.opportunities(), v2);
                send(TOPICS.opportunities(), v1);
            }
        }

        // then
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseRows()).isEqualTo(expectedRows()));
    }

    static Map<String, List<Object>> expectedRows() {
        Map<String, List<Object>> expected = new HashMap<>();
        latest.values().forEach(s -> {
            List<String> dims = s.accountId() == null ? null : ACCOUNTS.get(s.accountId());
            expected.put(s.id().toString(), Arrays.asList(s.version(), s.ownerId() == null ? "" : PATHS.get(s.ownerId()),
                    s.ownerId() == null ? null : (s.ownerId().equals(ALICE) ? EAST : SALES).toString(),
                    dims == null ? "(none)" : dims.get(0), dims == null ? "(none)" : dims.get(1), dims == null ? "(none)" : dims.get(2),
                    s.stage(), s.amountBase().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros(), s.deleted() ? 1L : 0L,
                    YearMonth.from(s.createdAt().atZone(ZONE)).atDay(1).toString(),
                    YearMonth.from(s.expectedCloseDate()).atDay(1).toString(),
                    s.closedAt() == null ? null : YearMonth.from(s.closedAt().atZone(ZONE)).atDay(1).toString()));
        });
        return expected;
    }

    static Map<String, List<Object>> clickHouseRows() {
        Map<String, List<Object>> seen = new HashMap<>();
        for (Map<String, Object> r : clickHouse.query("""
                SELECT toString(id) AS opportunity, version, team_path, toString(team_id) AS team, industry, region, tier, stage,
                       amount_base, deleted, toString(created_month) AS created, toString(expected_close_month) AS expected,
                       toString(closed_month) AS closed
                FROM opportunities FINAL""")) {
            if (probes.contains((String) r.get("opportunity"))) {
                continue;
            }
            seen.put((String) r.get("opportunity"), Arrays.asList(((Number) r.get("version")).longValue(), r.get("team_path"), r.get("team"),
                    r.get("industry"), r.get("region"), r.get("tier"), r.get("stage"), ((BigDecimal) r.get("amount_base")).stripTrailingZeros(),
                    ((Number) r.get("deleted")).longValue(), r.get("created"), r.get("expected"), r.get("closed")));
        }
        return seen;
    }

    static List<Map<String, Object>> rows(UUID id) {
        return clickHouse.query("SELECT team_path, tier FROM opportunities FINAL WHERE id = ?", id);
    }

    static OpportunityChanged opportunity(UUID id, long version, UUID owner, UUID account, String stage, LocalDate expected, Instant closedAt,
                                          boolean deleted) throws Exception {
        PipelineStage s = Pipeline.DEFAULT.stage(stage).orElseThrow();
        Instant created = Instant.parse("2026-10-31T16:30:00Z");   // 1 November in Shanghai
        OpportunitySnapshot snapshot = new OpportunitySnapshot(id, account, owner, "Deal", stage, new BigDecimal("1234.565"), "CNY",
                new BigDecimal("1234.565").add(BigDecimal.valueOf(version)), s.probability(), s.defaultForecastCategory(), expected, closedAt,
                created, created.plusSeconds(version), deleted, version);
        OpportunityChanged e = new OpportunityChanged(UUID.randomUUID(), id, version, deleted ? Operation.DELETED : Operation.UPDATED, "tester",
                snapshot.updatedAt(), snapshot);
        send(TOPICS.opportunities(), e);
        latest.put(id, snapshot);
        return e;
    }

    static TeamChanged team(UUID id, long version, UUID parent) {
        Instant at = Instant.now();
        return new TeamChanged(UUID.randomUUID(), id, version, Operation.CREATED, "tester", at,
                new TeamSnapshot(id, "Team", parent, null, at, at, false, version));
    }

    static UserChanged user(UUID id, long version, UUID team) {
        Instant at = Instant.now();
        return new UserChanged(UUID.randomUUID(), id, version, Operation.UPDATED, "tester", at, new UserSnapshot(id, "u" + id, "User",
                id + "@example.com", null, "en", "Asia/Shanghai", List.of("REP"), team, true, at, at, false, version));
    }

    static AccountChanged account(UUID id, long version, List<String> dims) {
        Instant at = Instant.now();
        return new AccountChanged(UUID.randomUUID(), id, version, Operation.UPDATED, "tester", at, new AccountSnapshot(id, "Account",
                dims.get(0), dims.get(1), dims.get(2), "CUSTOMER", null, null, List.of(), "ACTIVE", at, at, false, version));
    }

    static void send(String topic, DomainEvent e) throws Exception {
        producer.send(new ProducerRecord<>(topic, e.aggregateId().toString(), CloudEventCodec.encode(e, "/pulse/api"))).get();
    }
}
