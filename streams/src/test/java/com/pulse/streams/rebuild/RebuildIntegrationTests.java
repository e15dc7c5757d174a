package com.pulse.streams.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.TopicNames;
import com.pulse.streams.groundtruth.Deliveries;
import com.pulse.streams.groundtruth.OpportunityHistory;
import com.pulse.streams.groundtruth.OutboxLikePublisher;
import com.pulse.streams.system.PulseProperties;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.Lifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A rebuild on the devstack: the service has processed a history (moves, wins, losses, deletes, restores,
 * duplicates, stale redeliveries, a poison record); it is stopped, reset (both applications' groups, internal topics
 * and local state, the sink's offsets) and every aggregate table, the KPI tables included, truncated; started again it replays the source topic, and every
 * table holds exactly what it held before, compared row by row regardless of order.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RebuildIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(RebuildIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());

    static Admin admin;
    static ClickHouseGateway clickHouse;

    @Autowired
    ApplicationContext context;
    @Autowired
    PulseProperties pulse;
    @Autowired
    RebuildProperties rebuild;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void publish() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()));
        admin.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        OpportunityHistory history = OpportunityHistory.generate(7, 300, 1_500, 6);
        try (OutboxLikePublisher publisher = new OutboxLikePublisher(NS.kafkaBootstrap(), TOPICS.opportunities())) {
            publisher.publish(Deliveries.of(history, 8, 0.05, 0.05).events);
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(TOPICS.opportunities(), "poison", "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        }
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
    }

    @AfterAll
    static void close() {
        admin.close();
        clickHouse.close();
    }

    @Test
    void afterARebuildEveryAggregateTableHoldsWhatItHeldBefore() throws Exception {
        RebuildTarget target = RebuildTarget.of(pulse);
        AggregateTables tables = new AggregateTables(clickHouse, rebuild.keepTables());
        // tables written by users or frozen once are never truncated
        assertThat(rebuild.keepTables()).contains("forecast_snapshots", "saved_views");
        // given: the service caught up with the history
        awaitCaughtUp(target, ReplayPlan.of(admin, target.sources()));
        Map<String, List<String>> before = contents(tables);
        assertThat(before.keySet()).contains("funnel_snapshot", "opportunity_versions", "stage_transitions", "forecast_month",
                        "kpis", "kpi_targets")
                .doesNotContain(rebuild.keepTables().toArray(String[]::new));
        for (String table : List.of("funnel_snapshot", "opportunity_versions", "stage_transitions", "forecast_month", "kpis",
                "kpi_targets")) {
            assertThat(before.get(table)).as(table).isNotEmpty();
        }
        // and: the source topic keeps its history for ever (pulse.rebuild.source-retention-ms, -1 by default)
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPICS.opportunities());
        assertThat(admin.describeConfigs(List.of(topic)).all().get().get(topic).get(TopicConfig.RETENTION_MS_CONFIG).value()).isEqualTo("-1");

        // when: a reset is refused while the service runs
        StreamsReset reset = new StreamsReset(admin, target);
        assertThatThrownBy(() -> reset.ensureStopped(false)).hasMessageContaining("stop the streams service first");

        // when: stopped, reset, truncated
        Lifecycle streams = context.getBean("streamsRunner", Lifecycle.class);
        Lifecycle kpis = context.getBean("kpiStreams", Lifecycle.class);
        KafkaListenerEndpointRegistry sink = context.getBean(KafkaListenerEndpointRegistry.class);
        streams.stop();
        kpis.stop();
        sink.stop();
        reset.ensureStopped(true);   // Kafka Streams does not leave its group on close
        ReplayPlan plan = reset.resetKafkaAndState();
        tables.list().forEach(tables::truncate);
        assertThat(contents(tables).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        assertThat(admin.listTopics().names().get())
                .noneMatch(t -> target.applicationIds().stream().anyMatch(app -> t.startsWith(app + "-")));

        // when: started again, both applications replay the source topic from the start
        streams.start();
        kpis.start();
        sink.start();
        awaitCaughtUp(target, plan);

        // then: every table holds what it held before
        Map<String, List<String>> after = contents(tables);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        for (String table : before.keySet()) {
            assertThat(differences(withoutEmptyCells(table, before.get(table)), withoutEmptyCells(table, after.get(table))))
                    .as(table + ": rows only before (-) or only after (+)").isEmpty();
        }
    }

    private void awaitCaughtUp(RebuildTarget target, ReplayPlan plan) throws Exception {
        try (ReplayProgress progress = new ReplayProgress(admin, NS.kafkaBootstrap(), target, plan)) {
            ReplayProgress.Progress done = progress.await(Duration.ofMinutes(3), p -> { });
            assertThat(done.processed()).isEqualTo(plan.records());
        }
    }

    /** Cell tables whose readers answer a missing cell as zeros (olap zero-fills). */
    private static final java.util.Set<String> CELL_TABLES = java.util.Set.of("funnel_snapshot", "forecast_cells", "forecast_month");
    private static final java.util.Set<String> CELL_KEYS = java.util.Set.of("scope_type", "scope_id", "scope", "month", "stage",
            "changed_at", "at", "version");

    /**
     * A cell that emptied out (every figure 0 or null) answers exactly like a cell that never
     * existed. Whether the live run wrote such a row depends on how the record cache grouped the
     * updates, so a replay may or may not write it; the answers are the same either way.
     */
    private static List<String> withoutEmptyCells(String table, List<String> rows) {
        if (!CELL_TABLES.contains(table)) {
            return rows;
        }
        return rows.stream().filter(row -> !emptyCell(row)).toList();
    }

    private static boolean emptyCell(String row) {
        for (String pair : row.replaceAll("^\\{|\\}$", "").split(", ")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || CELL_KEYS.contains(pair.substring(0, eq))) {
                continue;
            }
            String value = pair.substring(eq + 1);
            if (!value.equals("null") && !value.matches("0(\\.0+)?")) {
                return false;
            }
        }
        return true;
    }

    /** At most 10 rows that only one side has, marked - (before) or + (after). */
    private static List<String> differences(List<String> before, List<String> after) {
        List<String> onlyBefore = new java.util.ArrayList<>(before);
        after.forEach(onlyBefore::remove);
        List<String> onlyAfter = new java.util.ArrayList<>(after);
        before.forEach(onlyAfter::remove);
        return java.util.stream.Stream.concat(onlyBefore.stream().map(r -> "- " + r), onlyAfter.stream().map(r -> "+ " + r)).limit(10).toList();
    }

    private static Map<String, List<String>> contents(AggregateTables tables) {
        Map<String, List<String>> contents = new LinkedHashMap<>();
        tables.list().forEach(t -> contents.put(t.name(), TableContents.of(clickHouse, t)));
        return contents;
    }
}
