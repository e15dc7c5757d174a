package com.pulse.streams.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.OpportunityChanged;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.TopicNames;
import com.pulse.streams.groundtruth.Deliveries;
import com.pulse.streams.groundtruth.OpportunityHistory;
import com.pulse.streams.groundtruth.OutboxLikePublisher;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * ClickHouse goes away (connections reset, new ones refused) while changes keep coming: the sink commits no offset
 * and writes nothing meanwhile; when ClickHouse is back, the retried batches land and nothing is missing.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"pulse.sink.retry-max-interval=1s"})
class ClickHouseDownIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ClickHouseDownIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());
    static final String SINK_GROUP = NS.topicPrefix() + ".pulse-clickhouse-sink";

    static TcpProxy proxy;
    static Admin admin;
    static ClickHouseGateway direct;
    static OpportunityHistory history;
    static List<OpportunityChanged> before;
    static List<OpportunityChanged> during;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) throws Exception {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        URI clickHouse = URI.create(NS.clickhouseUrl());
        proxy = new TcpProxy(clickHouse.getHost(), clickHouse.getPort());
        registry.add("pulse.clickhouse.url", () -> "http://127.0.0.1:" + proxy.port());
    }

    @BeforeAll
    static void topic() throws Exception {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()));
        admin.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        direct = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
        history = OpportunityHistory.generate(11, 60, 240, 4);
        List<OpportunityChanged> all = Deliveries.of(history, 12, 0, 0).events;
        before = all.subList(0, all.size() / 2);
        during = all.subList(all.size() / 2, all.size());
    }

    @AfterAll
    static void close() throws Exception {
        proxy.close();
        admin.close();
        direct.close();
    }

    @Test
    void whileClickHouseIsDownTheSinkCommitsNothingAndAfterwardsLosesNothing() throws Exception {
        try (OutboxLikePublisher publisher = new OutboxLikePublisher(NS.kafkaBootstrap(), TOPICS.opportunities())) {
            // given: the first half written
            publisher.publish(before);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> versions() == before.size());
            await().atMost(Duration.ofSeconds(10)).until(() -> committed(TOPICS.opportunities()) == before.size());

            // when: ClickHouse goes away and the second half arrives
            proxy.down();
            try {
                publisher.publish(during);
                // then: nothing is written and no offset of the source topic moves, for as long as it is down
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                        .until(() -> versions() == before.size() && committed(TOPICS.opportunities()) == before.size());
            } finally {
                proxy.up();
            }
        }
        // then: once it is back, every version is there and the offsets caught up
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> versions() == history.events());
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(TOPICS.opportunities()) == history.events());
        assertThat(direct.query("SELECT count() AS c FROM opportunity_versions").get(0).get("c"))
                .as("rows before FINAL: a batch written twice is allowed, one lost is not")
                .satisfies(c -> assertThat((Long) c).isGreaterThanOrEqualTo(history.events()));
    }

    private static long versions() {
        return (Long) direct.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c");
    }

    /** The sink's committed offsets on a topic, summed over its partitions. */
    private static long committed(String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(SINK_GROUP).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }
}
