package com.pulse.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.DeadLetter;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the shared devstack: opportunity events produced as the API would, then the funnel
 * topic and the ClickHouse tables must hold exactly the numbers recomputed here from the produced
 * snapshots (latest version per opportunity), despite duplicates, a stale version and a poison record:
 * the funnel, every stage transition, and the forecast per company, owner and month.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class StreamsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(StreamsIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());
    static final Pipeline PIPELINE = Pipeline.DEFAULT;

    static KafkaProducer<String, byte[]> producer;
    static ClickHouseGateway clickHouse;
    static final Map<UUID, OpportunityChanged> latest = new ConcurrentHashMap<>();
    static final Map<String, FunnelChanged> cells = new ConcurrentHashMap<>();
    static final Map<String, FunnelChanged> scopedCells = new ConcurrentHashMap<>();
    static final Map<String, Long> cellArrivals = new ConcurrentHashMap<>();
    static final Map<String, Long> forecastArrivals = new ConcurrentHashMap<>();
    static final List<UUID> OWNERS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    static final AtomicInteger createdCount = new AtomicInteger();
    /** (id@version) → [id, version, from, to, amountBase, owner, at epoch second] of every transition produced. */
    static final Map<String, List<Object>> expectedTransitions = new ConcurrentHashMap<>();
    static final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    static final AtomicBoolean consuming = new AtomicBoolean(true);
    static Thread consumer;
    static int produced;

    @Autowired
    Map<String, HealthIndicator> health;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    /** Events are already waiting when the service starts, as after a deploy. */
    @BeforeAll
    static void produceHistory() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(p);
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
        startFunnelConsumer();

        Random random = new Random(42);
        List<PipelineStage> open = PIPELINE.openStages();
        List<OpportunityChanged> history = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            OpportunityChanged e = created(open.get(random.nextInt(open.size())),
                    BigDecimal.valueOf(100 + random.nextInt(1_000_000), 2));
            for (int moves = random.nextInt(4); moves > 0; moves--) {
                history.add(e);
                e = moved(e, PIPELINE.stages().get(random.nextInt(PIPELINE.stages().size())));
            }
            history.add(e);
        }
        OpportunityChanged deleted = deleted(latestOf(history, 3));
        history.add(deleted);
        history.add(restored(deleted));
        history.add(deleted(latestOf(history, 7)));
        for (OpportunityChanged e : history) {
            send(e);
        }
        // Normal input, not errors: a redelivered event and a stale version arriving late.
        send(history.get(history.size() - 1));
        send(history.get(0));
        producer.send(new ProducerRecord<>(TOPICS.opportunities(), "poison", "{\"not\":\"a cloud event\"}".getBytes(StandardCharsets.UTF_8))).get();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        consuming.set(false);
        consumer.join(10_000);
        producer.close();
        clickHouse.close();
    }

    @Test
    void theFunnelTopicAndClickHouseHoldTheRecomputedFunnelAndEveryVersion() {
        // then: the aggregate topic
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(topicFunnel()).isEqualTo(expectedFunnel(cellsSeen())));

        // then: the OWNER funnel on the same topic, per owner and stage (deals without owner count for the company only)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(nonEmpty(scopedCells)).isEqualTo(expectedOwnerFunnel()));
        assertThat(expectedOwnerFunnel()).hasSizeGreaterThan(3);

        // then: ClickHouse funnel_snapshot, written by the sink
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouseFunnel()).isEqualTo(rounded(expectedFunnel(cellsSeen()))));

        // then: one opportunity_versions row per (id, version) produced, the latest per id matching
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouse.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c"))
                        .isEqualTo((long) produced));
        List<Map<String, Object>> current = clickHouse.query("""
                SELECT toString(id) AS opportunity, max(version) AS latest_version, argMax(stage, version) AS latest_stage,
                       argMax(amount_base, version) AS latest_amount_base, argMax(deleted, version) AS latest_deleted
                FROM opportunity_versions FINAL GROUP BY id""");
        assertThat(current).hasSize(latest.size()).allSatisfy(row -> {
            // (aliases differ from column names: ClickHouse resolves a name to an alias first, even inside argMax)
            OpportunityChanged e = latest.get(UUID.fromString((String) row.get("opportunity")));
            assertThat(row.get("latest_version")).isEqualTo(e.aggregateVersion());
            assertThat(row.get("latest_stage")).isEqualTo(e.snapshot().stage());
            assertThat((BigDecimal) row.get("latest_amount_base")).isEqualByComparingTo(e.snapshot().amountBase());
            assertThat(row.get("latest_deleted")).isEqualTo(e.snapshot().deleted() ? 1L : 0L);
        });

        // then: the poison record was dead-lettered by both readers, and processing went on
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters)
                .extracting(DeadLetter::consumer).containsExactlyInAnyOrder("pulse-streams", "pulse-clickhouse-sink"));
        assertThat(health.get("kafkaStreams").health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.get("clickhouse").health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aChangeReachesTheFunnelTopicAndClickHouseQuickly() throws Exception {
        // given: the service has caught up
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(topicFunnel()).isEqualTo(expectedFunnel(cellsSeen())));
        List<Long> toTopic = new ArrayList<>();
        List<Long> toClickHouse = new ArrayList<>();
        List<Long> toForecast = new ArrayList<>();
        String key = FunnelChanged.key(FunnelChanged.COMPANY, "company", "PROSPECTING");

        for (int i = 0; i < 30; i++) {
            // when: one new deal, as the API would publish it
            OpportunityChanged e = created(PIPELINE.stage("PROSPECTING").orElseThrow(), new BigDecimal("10.00"));
            long expectedCount = expectedFunnel(List.of("PROSPECTING")).get("PROSPECTING").count() + 1;
            long sent = System.nanoTime();
            send(e);

            // then
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                    .until(() -> cells.containsKey(key) && cells.get(key).count() == expectedCount);
            toTopic.add(cellArrivals.get(key) - sent);
            if (!"OMITTED".equals(e.snapshot().forecastCategory())) {
                String month = ForecastChanged.key(ForecastChanged.COMPANY, "company", YearMonth.from(e.snapshot().expectedCloseDate()).toString());
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> forecastArrivals.getOrDefault(month, 0L) > sent);
                toForecast.add(forecastArrivals.get(month) - sent);
            }
            if (i % 5 == 0) {
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10)).until(() -> clickHouse.query(
                        "SELECT count FROM funnel_snapshot FINAL WHERE stage = ?", "PROSPECTING").get(0).get("count").equals(expectedCount));
                toClickHouse.add(System.nanoTime() - sent);
            }
        }
        System.out.printf("event → pulse.agg.funnel.v1 over %d changes: p50 %d ms, p99 %d ms, max %d ms%n",
                toTopic.size(), percentile(toTopic, 50), percentile(toTopic, 99), percentile(toTopic, 100));
        System.out.printf("event → pulse.agg.forecast.v1 over %d changes: p50 %d ms, p99 %d ms, max %d ms%n",
                toForecast.size(), percentile(toForecast, 50), percentile(toForecast, 99), percentile(toForecast, 100));
        System.out.printf("event → ClickHouse funnel_snapshot FINAL over %d changes: p50 %d ms, max %d ms%n",
                toClickHouse.size(), percentile(toClickHouse, 50), percentile(toClickHouse, 100));
        assertThat(toTopic).hasSize(30);
    }

    @Test
    void whileClickHouseRefusesInsertsTheSinkRetriesTheSameBatchAndLosesNothing() throws Exception {
        // given: caught up
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(clickHouseFunnel()).isEqualTo(rounded(expectedFunnel(cellsSeen()))));
        Object lastVersion = clickHouse.query("SELECT max(version) AS v FROM funnel_snapshot").get(0).get("v");
        clickHouse.execute("RENAME TABLE funnel_snapshot TO funnel_snapshot_parked");
        try {
            // when: a change arrives while every insert fails
            send(created(PIPELINE.stage("QUALIFICATION").orElseThrow(), new BigDecimal("77.70")));
            long expected = expectedFunnel(List.of("QUALIFICATION")).get("QUALIFICATION").count();
            String key = FunnelChanged.key(FunnelChanged.COMPANY, "company", "QUALIFICATION");
            await().atMost(Duration.ofSeconds(10)).until(() -> cells.containsKey(key) && cells.get(key).count() == expected);

            // then: nothing reaches ClickHouse meanwhile
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                    clickHouse.query("SELECT count() AS c FROM funnel_snapshot_parked WHERE version > ?", lastVersion)
                            .get(0).get("c").equals(0L));
        } finally {
            clickHouse.execute("RENAME TABLE funnel_snapshot_parked TO funnel_snapshot");
        }

        // then: once ClickHouse accepts again, the retried batch lands and the funnel is exact
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouseFunnel()).isEqualTo(rounded(expectedFunnel(cellsSeen()))));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouse.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c"))
                        .isEqualTo((long) produced));
    }

    @Test
    void clickHouseHoldsEveryStageTransitionAndTheRecomputedForecastPerCompanyAndOwnerAndMonth() {
        // then: one stage_transitions row per version that changed the stage, as recomputed from what was produced
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouseTransitions()).containsExactlyInAnyOrderElementsOf(expectedTransitions.values()));

        // then: forecast_month FINAL holds METRICS.md §Forecast recomputed from the latest snapshots
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(clickHouseForecast()).isEqualTo(expectedForecast()));
        Map<String, List<BigDecimal>> expected = expectedForecast();
        assertThat(expected.keySet()).anyMatch(k -> k.startsWith("OWNER:")).anyMatch(k -> k.startsWith("COMPANY:company:2026-12"));
        System.out.printf("forecast cells compared: %d, stage transitions compared: %d%n", expected.size(), expectedTransitions.size());
    }

    // --- the expectation, recomputed from what was produced ------------------------------------

    /**
     * METRICS.md §Forecast per "scopeType:scopeId:YYYY-MM" → [closedWon, pipeline, weighted, commit, bestCase, projected],
     * each rounded to cents as ClickHouse stores it; cells no deal contributes to are left out.
     */
    static Map<String, List<BigDecimal>> expectedForecast() {
        Map<String, BigDecimal[]> sums = new HashMap<>();   // closedWon, pipeline, weighted, open COMMIT, open BEST_CASE
        for (OpportunityChanged e : latest.values()) {
            OpportunitySnapshot s = e.snapshot();
            PipelineStage stage = PIPELINE.stage(s.stage()).orElseThrow();
            BigDecimal[] add = new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
            String month;
            if (s.deleted()) {
                continue;
            } else if (stage.kind() == com.pulse.events.StageKind.WON) {
                month = YearMonth.from(s.closedAt().atZone(COMPANY_ZONE)).toString();
                add[0] = s.amountBase();
            } else if (stage.isOpen() && !"OMITTED".equals(s.forecastCategory())) {
                month = YearMonth.from(s.expectedCloseDate()).toString();
                add[1] = s.amountBase();
                add[2] = s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2);
                add[3] = "COMMIT".equals(s.forecastCategory()) ? s.amountBase() : BigDecimal.ZERO;
                add[4] = "BEST_CASE".equals(s.forecastCategory()) ? s.amountBase() : BigDecimal.ZERO;
            } else {
                continue;
            }
            List<String> scopes = new ArrayList<>(List.of("COMPANY:company"));
            if (s.ownerId() != null) {
                scopes.add("OWNER:" + s.ownerId());
            }
            for (String scope : scopes) {
                BigDecimal[] cell = sums.computeIfAbsent(scope + ":" + month, k -> new BigDecimal[] {
                        BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                for (int i = 0; i < 5; i++) {
                    cell[i] = cell[i].add(add[i]);
                }
            }
        }
        Map<String, List<BigDecimal>> expected = new HashMap<>();
        sums.forEach((key, c) -> {
            BigDecimal commit = c[0].add(c[3]);
            expected.put(key, cents(c[0], c[1], c[2], commit, commit.add(c[4]), c[0].add(c[2])));
        });
        return expected;
    }

    static List<BigDecimal> cents(BigDecimal... values) {
        return Arrays.stream(values).map(v -> v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros()).toList();
    }

    static Map<String, List<BigDecimal>> clickHouseForecast() {
        Map<String, List<BigDecimal>> seen = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query("""
                SELECT scope_type, scope_id, toString(month) AS first_day, closed_won, pipeline, weighted, commit, best_case, projected
                FROM forecast_month FINAL""")) {
            List<BigDecimal> values = cents((BigDecimal) row.get("closed_won"), (BigDecimal) row.get("pipeline"),
                    (BigDecimal) row.get("weighted"), (BigDecimal) row.get("commit"), (BigDecimal) row.get("best_case"),
                    (BigDecimal) row.get("projected"));
            if (values.stream().anyMatch(v -> v.signum() != 0)) {
                seen.put(row.get("scope_type") + ":" + row.get("scope_id") + ":" + ((String) row.get("first_day")).substring(0, 7), values);
            }
        }
        return seen;
    }

    static List<List<Object>> clickHouseTransitions() {
        return clickHouse.query("""
                SELECT toString(opportunity_id) AS opportunity, version, from_stage, to_stage, amount_base,
                       toString(owner_id) AS owner, toUInt32(at) AS at_second
                FROM stage_transitions FINAL""").stream()
                .map(r -> Arrays.<Object>asList(r.get("opportunity"), r.get("version"), r.get("from_stage"), r.get("to_stage"),
                        ((BigDecimal) r.get("amount_base")).stripTrailingZeros(), r.get("owner"), ((Number) r.get("at_second")).longValue()))
                .toList();
    }

    /** Per stage: count, Σ amountBase, Σ amountBase × probability / 100 over open, not deleted latest snapshots. */
    static Map<String, FunnelChanged> expectedFunnel(List<String> stages) {
        Map<String, FunnelChanged> expected = new HashMap<>();
        for (String stage : stages) {
            long count = 0;
            BigDecimal amount = BigDecimal.ZERO;
            BigDecimal weighted = BigDecimal.ZERO;
            for (OpportunityChanged e : latest.values()) {
                OpportunitySnapshot s = e.snapshot();
                if (s.stage().equals(stage) && !s.deleted() && PIPELINE.isOpen(stage)) {
                    count++;
                    amount = amount.add(s.amountBase());
                    weighted = weighted.add(s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2));
                }
            }
            expected.put(stage, new FunnelChanged("COMPANY", "company", stage, count, amount.stripTrailingZeros(),
                    weighted.stripTrailingZeros(), null));
        }
        return expected;
    }

    /** "OWNER:id:STAGE" → [count, Σ amountBase, Σ weighted] over open, not deleted latest snapshots with an owner. */
    static Map<String, List<Object>> expectedOwnerFunnel() {
        Map<String, List<Object>> expected = new HashMap<>();
        for (OpportunityChanged e : latest.values()) {
            OpportunitySnapshot s = e.snapshot();
            if (s.deleted() || s.ownerId() == null || !PIPELINE.isOpen(s.stage())) {
                continue;
            }
            BigDecimal weighted = s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2);
            expected.merge(FunnelChanged.key(FunnelChanged.OWNER, s.ownerId().toString(), s.stage()),
                    List.of(1L, s.amountBase(), weighted), (a, b) -> List.of((Long) a.get(0) + (Long) b.get(0),
                            ((BigDecimal) a.get(1)).add((BigDecimal) b.get(1)), ((BigDecimal) a.get(2)).add((BigDecimal) b.get(2))));
        }
        Map<String, List<Object>> stripped = new HashMap<>();
        expected.forEach((k, v) -> stripped.put(k, List.of(v.get(0), ((BigDecimal) v.get(1)).stripTrailingZeros(),
                ((BigDecimal) v.get(2)).stripTrailingZeros())));
        return stripped;
    }

    static Map<String, List<Object>> nonEmpty(Map<String, FunnelChanged> cells) {
        Map<String, List<Object>> seen = new HashMap<>();
        cells.forEach((k, c) -> {
            if (c.count() != 0) {
                seen.put(k, List.of(c.count(), c.amount().stripTrailingZeros(), c.weighted().stripTrailingZeros()));
            }
        });
        return seen;
    }

    static Map<String, FunnelChanged> rounded(Map<String, FunnelChanged> cells) {
        Map<String, FunnelChanged> rounded = new HashMap<>();
        cells.forEach((stage, c) -> rounded.put(stage, new FunnelChanged(c.scopeType(), c.scopeId(), stage, c.count(),
                c.amount().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros(),
                c.weighted().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros(), null)));
        return rounded;
    }

    static List<String> cellsSeen() {
        List<String> stages = new ArrayList<>(PIPELINE.openStages().stream().map(PipelineStage::name)
                .filter(s -> latest.values().stream().anyMatch(e -> e.snapshot().stage().equals(s))).toList());
        cells.values().forEach(c -> { if (!stages.contains(c.stage())) stages.add(c.stage()); });
        return stages;
    }

    static Map<String, FunnelChanged> topicFunnel() {
        Map<String, FunnelChanged> seen = new HashMap<>();
        cells.values().forEach(c -> seen.put(c.stage(), new FunnelChanged(c.scopeType(), c.scopeId(), c.stage(), c.count(),
                c.amount().stripTrailingZeros(), c.weighted().stripTrailingZeros(), null)));
        return seen;
    }

    static Map<String, FunnelChanged> clickHouseFunnel() {
        Map<String, FunnelChanged> seen = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query(
                "SELECT scope_type, scope_id, stage, count, amount, weighted FROM funnel_snapshot FINAL WHERE scope_type = ?", "COMPANY")) {
            String stage = (String) row.get("stage");
            seen.put(stage, new FunnelChanged((String) row.get("scope_type"), (String) row.get("scope_id"), stage, (Long) row.get("count"),
                    ((BigDecimal) row.get("amount")).stripTrailingZeros(), ((BigDecimal) row.get("weighted")).stripTrailingZeros(), null));
        }
        return seen;
    }

    // --- events as the API publishes them ------------------------------------------------------

    /** Deals are spread over three owners and no owner, and over four expected close months; some are OMITTED. */
    static OpportunityChanged created(PipelineStage stage, BigDecimal amount) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        int n = createdCount.getAndIncrement();
        UUID owner = n % 4 == 3 ? null : OWNERS.get(n % 4);
        String category = stage.isOpen() && n % 7 == 6 ? "OMITTED" : stage.defaultForecastCategory();
        OpportunitySnapshot s = new OpportunitySnapshot(id, UUID.randomUUID(), owner, "Deal " + id.toString().substring(0, 8),
                stage.name(), amount, "CNY", amount, stage.probability(), category,
                LocalDate.of(2027, 1, 15).plusMonths(n % 4), stage.isOpen() ? null : closedAt(n), now, now, false, 1);
        return new OpportunityChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", now, s);
    }

    static OpportunityChanged moved(OpportunityChanged e, PipelineStage stage) {
        OpportunitySnapshot o = e.snapshot();
        return next(e, Operation.UPDATED, new OpportunitySnapshot(o.id(), o.accountId(), o.ownerId(), o.name(), stage.name(),
                o.amount(), o.currency(), o.amountBase(), stage.probability(), stage.defaultForecastCategory(),
                o.expectedCloseDate(), stage.isOpen() ? null : closedAt(createdCount.getAndIncrement()), o.createdAt(), Instant.now(),
                o.deleted(), o.version() + 1));
    }

    /** Now, or every other time 23:30 UTC on the last day of November: 1 December in the company's Asia/Shanghai. */
    static Instant closedAt(int n) {
        return n % 2 == 0 ? Instant.parse("2026-11-30T23:30:00Z") : Instant.now();
    }

    static OpportunityChanged deleted(OpportunityChanged e) {
        return withDeleted(e, true, Operation.DELETED);
    }

    static OpportunityChanged restored(OpportunityChanged e) {
        return withDeleted(e, false, Operation.RESTORED);
    }

    static OpportunityChanged withDeleted(OpportunityChanged e, boolean deleted, Operation operation) {
        OpportunitySnapshot o = e.snapshot();
        return next(e, operation, new OpportunitySnapshot(o.id(), o.accountId(), o.ownerId(), o.name(), o.stage(), o.amount(),
                o.currency(), o.amountBase(), o.probability(), o.forecastCategory(), o.expectedCloseDate(), o.closedAt(),
                o.createdAt(), Instant.now(), deleted, o.version() + 1));
    }

    static OpportunityChanged next(OpportunityChanged e, Operation operation, OpportunitySnapshot s) {
        return new OpportunityChanged(UUID.randomUUID(), s.id(), s.version(), operation, "tester", s.updatedAt(), s);
    }

    static OpportunityChanged latestOf(List<OpportunityChanged> history, int nth) {
        UUID id = history.stream().map(OpportunityChanged::aggregateId).distinct().skip(nth).findFirst().orElseThrow();
        return history.stream().filter(e -> e.aggregateId().equals(id)).reduce((a, b) -> b).orElseThrow();
    }

    static void send(OpportunityChanged e) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TOPICS.opportunities(), e.aggregateId().toString(),
                CloudEventCodec.encode(e, "/pulse/api"));
        record.headers().add(CloudEventCodec.HEADER_TYPE, e.type().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventCodec.HEADER_ID, e.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", CloudEventCodec.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
        OpportunityChanged known = latest.get(e.aggregateId());
        if (known == null || known.aggregateVersion() < e.aggregateVersion()) {
            String from = known == null ? null : known.snapshot().stage();
            if (!e.snapshot().stage().equals(from)) {
                OpportunitySnapshot s = e.snapshot();
                expectedTransitions.put(s.id() + "@" + s.version(), Arrays.asList(s.id().toString(), s.version(), from, s.stage(),
                        s.amountBase().setScale(2, RoundingMode.HALF_UP).stripTrailingZeros(),
                        s.ownerId() == null ? null : s.ownerId().toString(), s.updatedAt().getEpochSecond()));
            }
            latest.put(e.aggregateId(), e);
            produced++;
        }
    }

    /** Reads the funnel and dead-letter topics as a dashboard would (read_committed), noting arrival times. */
    static void startFunnelConsumer() {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, NS.topicPrefix() + ".test-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        c.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        // A read_committed fetch is not woken when the transaction commits: it waits out fetch.max.wait.ms (500 ms by default).
        c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        consumer = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(c)) {
                kafka.subscribe(List.of(TOPICS.aggFunnel(), TOPICS.aggForecast(), TOPICS.dlq()));
                while (consuming.get()) {
                    for (ConsumerRecord<String, byte[]> r : kafka.poll(Duration.ofMillis(20))) {
                        long arrived = System.nanoTime();
                        if (r.topic().equals(TOPICS.dlq())) {
                            deadLetters.add(EventJson.read(r.value(), DeadLetter.class));
                        } else if (r.topic().equals(TOPICS.aggForecast())) {
                            forecastArrivals.put(r.key(), arrived);
                        } else {
                            FunnelChanged cell = EventJson.read(r.value(), FunnelChanged.class);
                            // the company funnel here; OWNER cells share the topic (TEAM ones need users and teams, none here)
                            (cell.scopeType().equals(FunnelChanged.COMPANY) ? cells : scopedCells).put(r.key(), cell);
                            cellArrivals.put(r.key(), arrived);
                        }
                    }
                }
            }
        }, "funnel-reader");
        consumer.setDaemon(true);
        consumer.start();
    }

    static long percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
        return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(index, 0)));
    }
}
