package com.pulse.notifier.bigdeal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.Topics;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiCalls.Response;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Event-triggered rules (BIG_DEAL_WON, BIG_DEAL_LOST, STAGE_MOVED_BACKWARDS) end to end on devstack Kafka and
 * Postgres (the api's tables for its stage history and users): rules made
 * through the rules API, CloudEvents written to {@code crm.opportunities.v1} as the api's outbox relay does
 * (one partition, so a later record's delivery proves the earlier ones were handled), alerts read from the
 * delivery log and the inbox.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventRulesIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(EventRulesIntegrationTests.class);
    static final String TOPIC = createTopic(Topics.OPPORTUNITIES.qualified(NS.topicPrefix()));

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        r.add("pulse.notifier.big-deal.auto-offset-reset", () -> "earliest");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ApiCalls api;

    final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    @BeforeEach
    void setUp() {
        api = new ApiCalls(port);
    }

    @AfterAll
    void close() {
        producer.close();
    }

    @ParameterizedTest
    @CsvSource({"BIG_DEAL_WON, CLOSED_WON, CLOSED_LOST", "BIG_DEAL_LOST, CLOSED_LOST, CLOSED_WON"})
    void eachEventTypeAlertsOnItsEventAboveTheThresholdAndNotOnOthers(String type, String stage, String otherStage) {
        // given a rep's rule with a threshold of 500,000
        UUID rep = UUID.randomUUID();
        String rule = createRule(rep, type, "500000");

        // when: too small, the other outcome, a still-open deal, then one that matches
        send(Deals.movedTo(UUID.randomUUID(), rep, stage, "499999.99", 3));
        send(Deals.movedTo(UUID.randomUUID(), rep, otherStage, "900000", 3));
        send(Deals.movedTo(UUID.randomUUID(), rep, "NEGOTIATION", "900000", 3));
        UUID deal = UUID.randomUUID();
        RecordMetadata matching = send(Deals.movedTo(deal, rep, stage, "500000", 7));

        // then exactly one delivery, the matching deal's, keyed by version, with the record as provenance
        awaitDeliveries(rule, 1);
        Map<String, Object> row = jdbc.sql("""
                        SELECT subject, period, channel, source_topic, source_partition, source_offset
                        FROM deliveries WHERE rule = ?""").param(rule).query().singleRow();
        assertThat(row).containsEntry("subject", rep + ":" + deal).containsEntry("period", "v7")
                .containsEntry("channel", "IN_APP").containsEntry("source_topic", TOPIC)
                .containsEntry("source_partition", matching.partition()).containsEntry("source_offset", matching.offset());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT title FROM alerts WHERE user_id = ?").param(rep.toString()).query(String.class).list())
                .containsExactly("Big deal: Deal " + deal.toString().substring(0, 8) + " — "
                        + (stage.equals("CLOSED_WON") ? "won" : "lost") + " at 500,000.00 CNY"));
    }

    @Test
    void aDuplicateOrRedeliveredRecordSendsOnceAndANewVersionIsAnotherSubject() {
        UUID rep = UUID.randomUUID();
        String rule = createRule(rep, "BIG_DEAL_WON", "1000");
        UUID deal = UUID.randomUUID();
        OpportunityChanged won = Deals.movedTo(deal, rep, "CLOSED_WON", "2000", 4);
        UUID other = UUID.randomUUID();

        // the same record written three times (a relay retry), then a marker deal
        send(won);
        send(won);
        send(won);
        send(Deals.movedTo(other, rep, "CLOSED_WON", "2000", 1));

        awaitDeliveries(rule, 2);
        assertThat(jdbc.sql("SELECT subject || '@' || period FROM deliveries WHERE rule = ? ORDER BY created_at")
                .param(rule).query(String.class).list())
                .containsExactlyInAnyOrder(rep + ":" + deal + "@v4", rep + ":" + other + "@v1");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM alerts WHERE user_id = ?")
                .param(rep.toString()).query(Long.class).single() == 2);
    }

    @Test
    void aRepsRuleDoesNotReportAnotherRepsDeal() {
        // given two reps with the same rule
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String alicesRule = createRule(alice, "BIG_DEAL_WON", "1000");
        String bobsRule = createRule(bob, "BIG_DEAL_WON", "1000");

        // when bob wins a deal, then alice does
        send(Deals.movedTo(UUID.randomUUID(), bob, "CLOSED_WON", "5000", 2));
        UUID alicesDeal = UUID.randomUUID();
        send(Deals.movedTo(alicesDeal, alice, "CLOSED_WON", "5000", 2));

        // then each rule reported its owner's deal only
        awaitDeliveries(alicesRule, 1);
        awaitDeliveries(bobsRule, 1);
        assertThat(jdbc.sql("SELECT subject FROM deliveries WHERE rule = ?").param(alicesRule).query(String.class).single())
                .isEqualTo(alice + ":" + alicesDeal);
    }

    @Test
    void aDisabledRuleAndADeletedDealAlertNobody() {
        UUID rep = UUID.randomUUID();
        String rule = createRule(rep, "BIG_DEAL_WON", "1000");
        jdbc.sql("UPDATE rules SET enabled = false WHERE id = CAST(? AS uuid)").param(rule).update();
        String live = createRule(rep, "BIG_DEAL_LOST", "1000");

        send(Deals.movedTo(UUID.randomUUID(), rep, "CLOSED_WON", "5000", 2));
        send(Deals.event(UUID.randomUUID(), rep, "CLOSED_LOST", "5000", "CNY", "5000", 3,
                com.pulse.events.Operation.DELETED, Deals.AT, Deals.AT));
        send(Deals.movedTo(UUID.randomUUID(), rep, "CLOSED_LOST", "5000", 2));

        awaitDeliveries(live, 1);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ?").param(rule).query(Long.class).single()).isZero();
    }

    @Test
    void stageMovedBackwardsAlertsOnAMoveToAnEarlierStageOnlyAndOnceForARedeliveredRecord() {
        // given a rep's rule with the default threshold, and the api's stage rows of four changes
        CrmData crm = new CrmData(jdbc);
        UUID rep = crm.user("Rob", null, "REP", "Asia/Shanghai");
        String rule = createRuleWith(rep, "STAGE_MOVED_BACKWARDS", "{}");
        UUID forward = stageMove(crm, rep, 4, "QUALIFICATION", "PROPOSAL");
        UUID lost = stageMove(crm, rep, 5, "NEGOTIATION", "CLOSED_LOST");
        UUID edited = stageMove(crm, rep, 2, "PROSPECTING", "QUALIFICATION"); // its version 3 edits only the amount
        UUID back = stageMove(crm, rep, 3, "NEGOTIATION", "QUALIFICATION");
        UUID marker = stageMove(crm, rep, 6, "PROPOSAL", "PROSPECTING");

        // when: forward, closed as lost, an edit without a stage move, the backward move three times, another one
        send(Deals.movedTo(forward, rep, "PROPOSAL", "500000", 4));
        send(Deals.movedTo(lost, rep, "CLOSED_LOST", "500000", 5));
        send(Deals.movedTo(edited, rep, "QUALIFICATION", "500000", 3));
        OpportunityChanged moved = Deals.movedTo(back, rep, "QUALIFICATION", "500000", 3);
        RecordMetadata first = send(moved);
        send(moved);
        send(moved);
        send(Deals.movedTo(marker, rep, "PROSPECTING", "1", 6));

        // then the two backward moves, each once, the first with its first record as provenance
        awaitDeliveries(rule, 2);
        assertThat(jdbc.sql("SELECT subject || '@' || period FROM deliveries WHERE rule = ?").param(rule).query(String.class).list())
                .containsExactlyInAnyOrder(rep + ":" + back + "@v3", rep + ":" + marker + "@v6");
        assertThat(jdbc.sql("SELECT source_offset FROM deliveries WHERE rule = ? AND subject = ?")
                .params(rule, rep + ":" + back).query(Long.class).single()).isEqualTo(first.offset());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT title FROM alerts WHERE user_id = ?").param(rep.toString()).query(String.class).list())
                .containsExactlyInAnyOrder("Big deal: Deal " + marker.toString().substring(0, 8) + " — moved back from PROPOSAL to PROSPECTING (1.00 CNY)",
                        "Big deal: Deal " + back.toString().substring(0, 8) + " — moved back from NEGOTIATION to QUALIFICATION (500,000.00 CNY)"));
    }

    @Test
    void stageMovedBackwardsRespectsMinAmountAndDoesNotReportAnotherRepsDeal() {
        CrmData crm = new CrmData(jdbc);
        UUID alice = crm.user("Alice", null, "REP", "Asia/Shanghai");
        UUID bob = crm.user("Bob", null, "REP", "Asia/Shanghai", "zh-CN");
        String alicesRule = createRuleWith(alice, "STAGE_MOVED_BACKWARDS", "{\"minAmount\":500000}");
        String bobsRule = createRuleWith(bob, "STAGE_MOVED_BACKWARDS", "{\"minAmount\":0}");
        UUID bobs = stageMove(crm, bob, 2, "PROPOSAL", "QUALIFICATION");
        UUID small = stageMove(crm, alice, 2, "NEGOTIATION", "PROSPECTING");
        UUID large = stageMove(crm, alice, 2, "NEGOTIATION", "PROSPECTING");

        // when bob's deal of 900,000 moves back, then alice's of 499,999.99 and of 500,000
        send(Deals.movedTo(bobs, bob, "QUALIFICATION", "900000", 2));
        send(Deals.movedTo(small, alice, "PROSPECTING", "499999.99", 2));
        send(Deals.movedTo(large, alice, "PROSPECTING", "500000", 2));

        // then alice hears of her own deal at the threshold only, bob of his own only, in Chinese
        awaitDeliveries(alicesRule, 1);
        assertThat(jdbc.sql("SELECT subject FROM deliveries WHERE rule = ?").param(alicesRule).query(String.class).single())
                .isEqualTo(alice + ":" + large);
        assertThat(jdbc.sql("SELECT subject || ' ' || (variables->>'body') FROM deliveries WHERE rule = ?").param(bobsRule)
                .query(String.class).list())
                .containsExactly(bob + ":" + bobs + " Deal " + bobs.toString().substring(0, 8) + " — 从 PROPOSAL 退回 QUALIFICATION（900,000.00 CNY）");
    }

    /** A deal of {@code owner} whose version {@code version} moved it from one stage to another, as the api records it. */
    @Test
    void anAlertInTheRecipientsQuietHoursWaitsInTheLogUntilTheyEnd() {
        // given a rule whose quiet hours (on the recipient's clock, the company's here) run from an hour ago to two
        // hours from now
        java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
        java.time.LocalTime now = java.time.LocalTime.now(zone).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        com.pulse.notifier.schedule.QuietHours quiet = new com.pulse.notifier.schedule.QuietHours(now.minusHours(1),
                now.plusHours(2));
        UUID rep = UUID.randomUUID();
        Response created = api.post(TestTokens.token(rep.toString(), List.of("REP"), null, "Asia/Shanghai"),
                "/notifier/v1/rules", """
                        {"name":"Quiet deal","type":"BIG_DEAL_WON","parameters":{"minAmount":1000},
                         "quietHours":{"from":"%s","to":"%s"}}""".formatted(quiet.from(), quiet.to()));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        String rule = created.json().get("id").asString();
        java.time.Instant sent = java.time.Instant.now();

        // when a deal of the rep's is won
        send(Deals.movedTo(UUID.randomUUID(), rep, "CLOSED_WON", "5000", 2));

        // then the alert is in the log, due when the quiet hours end, and not in the inbox yet
        awaitDeliveries(rule, 1);
        Map<String, Object> row = jdbc.sql("SELECT status, next_attempt_at FROM deliveries WHERE rule = ?").param(rule)
                .query().singleRow();
        java.time.Instant due = ((java.sql.Timestamp) row.get("next_attempt_at")).toInstant();
        assertThat(due).isEqualTo(quiet.endAfter(sent, zone));
        assertThat(due.atZone(zone).toLocalTime()).isEqualTo(quiet.to());
        assertThat(row.get("status")).isEqualTo("PENDING");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM alerts WHERE user_id = ?").param(rep.toString()).query(Long.class).single() == 0);
    }

    private static UUID stageMove(CrmData crm, UUID owner, long version, String from, String to) {
        UUID deal = crm.deal("Deal", owner, to, Deals.AT.minus(Duration.ofDays(30)), null, null);
        crm.history(deal, version, from, to, Deals.AT);
        return deal;
    }

    private String createRule(UUID owner, String type, String minAmount) {
        return createRuleWith(owner, type, "{\"minAmount\":" + minAmount + "}");
    }

    private String createRuleWith(UUID owner, String type, String parameters) {
        Response created = api.post(TestTokens.token(owner.toString(), List.of("REP"), null, "Asia/Shanghai"),
                "/notifier/v1/rules", """
                        {"name":"Big deal","type":"%s","parameters":%s}""".formatted(type, parameters));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("schedule").isNull()).isTrue();
        return created.json().get("id").asString();
    }

    private void awaitDeliveries(String rule, long count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ?")
                .param(rule).query(Long.class).single() == count);
    }

    private RecordMetadata send(OpportunityChanged event) {
        try {
            return producer.send(new ProducerRecord<>(TOPIC, event.aggregateId().toString(),
                    CloudEventCodec.encode(event, "/pulse/api"))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}
