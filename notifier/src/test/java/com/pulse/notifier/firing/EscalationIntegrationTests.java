package com.pulse.notifier.firing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiCalls.Response;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.Facts;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.delivery.MutableClock;
import com.pulse.notifier.delivery.TestDeliveryClock;
import com.pulse.notifier.delivery.TwilioFake;
import com.pulse.notifier.schedule.Firing;
import com.pulse.notifier.schedule.FiringHandler;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Escalation: a rule's in-app alert still unread {@code afterMinutes} later goes out on the rule's next channel
 * (SMS through the Twilio SDK to WireMock here); read in the inbox before then, the escalation is CANCELLED and
 * nothing reaches Twilio. The delivery log runs on a clock the test moves.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDeliveryClock.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(EscalationIntegrationTests.class);
    static final TwilioFake TWILIO = new TwilioFake();
    static final Instant AT = Instant.parse("2027-06-15T01:00:00Z");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        TWILIO.register(r);
        r.add("pulse.notifier.delivery.poll-interval", () -> "50ms");
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FiringHandler firings;

    @Autowired
    ClickHouseGateway clickHouse;

    @Autowired
    MutableClock clock;

    UUID rita;
    UUID sam;

    @BeforeAll
    void dataset() {
        CrmData crm = new CrmData(jdbc);
        UUID sales = crm.team("Sales", null);
        rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        sam = crm.user("Sam", sales, "REP", "Asia/Shanghai");
        // STALLED_DEALS reads the deals' facts (olap's openDeals cube); names from the api's rows
        clickHouse.migrate();
        Facts facts = new Facts(clickHouse).owner(rita, sales, sales.toString()).owner(sam, sales, sales.toString());
        UUID ritas = crm.deal("Ritas stuck deal", rita, "QUALIFICATION", AT.minus(Duration.ofDays(100)), AT.minus(Duration.ofDays(40)), null);
        facts.dealInStage(ritas, rita, "QUALIFICATION", "1000", AT.minus(Duration.ofDays(100)), AT.minus(Duration.ofDays(40)), false);
        UUID sams = crm.deal("Sams stuck deal", sam, "NEGOTIATION", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(50)), null);
        facts.dealInStage(sams, sam, "NEGOTIATION", "1000", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(50)), false);
    }

    @BeforeEach
    void accept() {
        TWILIO.acceptAll();
    }

    @Test
    void anInAppAlertStillUnreadAfterThirtyMinutesGoesOutBySmsOnce() {
        // given Rita has a phone and a rule that escalates after 30 minutes
        String phone = "+8613800000101";
        preferences(rita, phone);
        UUID rule = rule(rita, escalatingRule(30));

        // when it fires
        fire(rule, rita);

        // then the alert reaches her inbox at once, and the SMS waits exactly 30 minutes behind it
        Map<String, Object> inApp = delivery(rule, "IN_APP");
        Map<String, Object> sms = delivery(rule, "SMS");
        assertThat(instant(sms, "next_attempt_at")).isEqualTo(instant(inApp, "created_at").plus(Duration.ofMinutes(30)));
        assertThat(sms.get("unless_read")).isEqualTo(inApp.get("id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(rule, "IN_APP").get("status")));

        clock.advance(Duration.ofMinutes(29));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> "PENDING".equals(delivery(rule, "SMS").get("status")));
        assertThat(TWILIO.sent(phone)).isEmpty();

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(rule, "SMS").get("status")));
        assertThat(TWILIO.sent(phone)).singleElement()
                .satisfies(sent -> assertThat(sent.get("Body")).contains("Ritas stuck deal"));

        // a re-run of the same firing enqueues nothing new on either channel
        fire(rule, rita);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ?").param(rule.toString()).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void anAlertReadInTheInboxBeforeThenIsNotEscalated() {
        // given
        String phone = "+8613800000102";
        preferences(sam, phone);
        UUID rule = rule(sam, escalatingRule(30));
        fire(rule, sam);
        await().atMost(Duration.ofSeconds(30)).until(() -> "SENT".equals(delivery(rule, "IN_APP").get("status")));
        String alertId = (String) delivery(rule, "IN_APP").get("provider_message_id");

        // when Sam reads it in the inbox
        Response read = new ApiCalls(port).send(token(sam), "PATCH", "/notifier/v1/inbox/" + alertId, "{\"read\":true}", null);
        assertThat(read.status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(31));

        // then the SMS is cancelled, with the reason, and Twilio never hears of it
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELLED".equals(delivery(rule, "SMS").get("status")));
        assertThat((String) delivery(rule, "SMS").get("last_error")).startsWith("not sent: the in-app alert was read at ");
        assertThat(TWILIO.sent(phone)).isEmpty();
        Response log = new ApiCalls(port).get(token(sam), "/notifier/v1/deliveries?status=CANCELLED");
        assertThat(log.status()).isEqualTo(200);
        assertThat(log.json().get("items").size()).isEqualTo(1);
    }

    @Test
    void escalationIsStoredAndShownAndRefusedWhereItCannotWork() {
        ApiCalls api = new ApiCalls(port);
        UUID rule = rule(rita, escalatingRule(45));
        Response shown = api.get(token(rita), "/notifier/v1/rules/" + rule);
        assertThat(shown.json().get("escalation").get("afterMinutes").asInt()).isEqualTo(45);

        Response smsFirst = api.post(token(rita), "/notifier/v1/rules", """
                {"name":"x","type":"STALLED_DEALS","channels":["SMS","IN_APP"],"escalation":{"afterMinutes":30},
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        assertThat(smsFirst.status()).isEqualTo(400);
        assertThat(smsFirst.json().toString()).contains("\"field\":\"escalation\"").contains("IN_APP as the first channel");

        Response onlyInApp = api.post(token(rita), "/notifier/v1/rules", """
                {"name":"x","type":"STALLED_DEALS","channels":["IN_APP"],"escalation":{"afterMinutes":30},
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        assertThat(onlyInApp.status()).isEqualTo(400);
        assertThat(onlyInApp.json().toString()).contains("\"field\":\"escalation\"");

        Response zero = api.post(token(rita), "/notifier/v1/rules", """
                {"name":"x","type":"STALLED_DEALS","channels":["IN_APP","EMAIL"],"escalation":{"afterMinutes":0,"x":1},
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().toString()).contains("\"field\":\"escalation.afterMinutes\"").contains("\"field\":\"escalation.x\"");
        assertThat(jdbc.sql("SELECT count(*) FROM rules WHERE name = 'x'").query(Long.class).single()).isZero();
    }

    private static String escalatingRule(int minutes) {
        return """
                {"name":"Escalating","type":"STALLED_DEALS","channels":["IN_APP","SMS"],"escalation":{"afterMinutes":%d},
                 "schedule":{"kind":"daily","at":"09:00"}}""".formatted(minutes);
    }

    private void preferences(UUID user, String phone) {
        Response put = new ApiCalls(port).put(token(user), "/notifier/v1/preferences",
                "{\"phone\":\"" + phone + "\",\"locale\":\"en\"}", null);
        assertThat(put.status()).as(put.json().toString()).isEqualTo(200);
    }

    private UUID rule(UUID owner, String body) {
        Response created = new ApiCalls(port).post(token(owner), "/notifier/v1/rules", body);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static String token(UUID user) {
        return TestTokens.token(user.toString(), List.of("REP"), null, "Asia/Shanghai");
    }

    private void fire(UUID rule, UUID recipient) {
        firings.fire(new Firing(rule, recipient.toString(), AT, AT));
    }

    private Map<String, Object> delivery(UUID rule, String channel) {
        return jdbc.sql("SELECT id, status, created_at, next_attempt_at, unless_read, last_error, provider_message_id "
                        + "FROM deliveries WHERE rule = ? AND channel = ?")
                .params(rule.toString(), channel).query().singleRow();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }
}
