package com.pulse.notifier.demo;

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
import com.pulse.notifier.schedule.Firing;
import com.pulse.notifier.schedule.FiringHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo profile end to end: rules created through the API fire (the scheduler's handler, at a fixed
 * instant) and their reminders reach the inbox, the fake Twilio API (through the real SDK) and the SMTP
 * catcher (through Spring Mail), and {@code GET /notifier/v1/dev/outbox} shows each person what reached them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoOutboxIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DemoOutboxIntegrationTests.class);
    /** 09:00 in Shanghai on 15 June 2027. */
    static final Instant AT = Instant.parse("2027-06-15T01:00:00Z");
    static final String RITAS_PHONE = "+8613800138000";
    static final int SMTP_PORT = freePort();
    static final int SMS_PORT = freePort();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        // free ports instead of the demo's fixed ones: builds run side by side
        r.add("pulse.notifier.demo.catchers.smtp-port", () -> SMTP_PORT);
        r.add("pulse.notifier.demo.catchers.sms-port", () -> SMS_PORT);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FiringHandler firings;

    @Autowired
    ClickHouseGateway clickHouse;

    UUID mia;
    UUID rita;
    UUID sam;

    @BeforeAll
    void dataset() {
        CrmData crm = new CrmData(jdbc);
        UUID sales = crm.team("Sales", null);
        mia = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(mia, sales);
        rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        sam = crm.user("Sam", sales, "REP", "Asia/Shanghai");
        // STALLED_DEALS reads the deals' facts (olap's openDeals cube); names from the api's rows
        clickHouse.migrate();
        Facts facts = new Facts(clickHouse).owner(rita, sales, sales.toString()).owner(sam, sales, sales.toString());
        UUID ritas = crm.deal("Ritas stuck deal", rita, "QUALIFICATION", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(40)), null);
        facts.dealInStage(ritas, rita, "QUALIFICATION", "1000", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(40)), false);
        UUID sams = crm.deal("Sams stuck deal", sam, "NEGOTIATION", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(50)), null);
        facts.dealInStage(sams, sam, "NEGOTIATION", "1000", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(50)), false);
        assertThat(calls().put(token(rita, "REP"), "/notifier/v1/preferences",
                "{\"phone\":\"" + RITAS_PHONE + "\",\"locale\":\"en\"}", null).status()).isEqualTo(200);
    }

    @Test
    void remindersOfRulesCreatedThroughTheApiReachTheInboxTheSmsFakeAndTheSmtpCatcher() {
        // a manager's rule for two reps, SMS first: Rita has a phone, Sam only his email; and her own in-app one
        UUID team = rule(mia, """
                {"name":"Stalled","type":"STALLED_DEALS","recipients":["%s","%s"],"channels":["SMS","EMAIL"],
                 "schedule":{"kind":"daily","at":"09:00"}}""".formatted(rita, sam));
        UUID own = rule(mia, """
                {"name":"Team stalled","type":"STALLED_DEALS","channels":["IN_APP"],"schedule":{"kind":"daily","at":"09:00"}}""");

        fire(team, rita);
        fire(team, sam);
        fire(own, mia);

        // an executive sees both catchers' messages once the dispatcher has sent them
        JsonNode all = await().atMost(Duration.ofSeconds(30)).until(() -> outbox(token(UUID.randomUUID(), "EXECUTIVE")),
                o -> o.get("emails").size() == 1 && o.get("sms").size() == 1);
        JsonNode sms = all.get("sms").get(0);
        assertThat(sms.get("to").asString()).isEqualTo(RITAS_PHONE);
        assertThat(sms.get("from").asString()).isEqualTo("+15005550006");
        assertThat(sms.get("body").asString()).isEqualTo("Stalled: Ritas stuck deal — in QUALIFICATION for 40 days /api/v1/opportunities/"
                + jdbc.sql("SELECT id FROM public.opportunities WHERE name = 'Ritas stuck deal'").query(UUID.class).single());
        // the dash is not GSM 03.38: UCS-2, 70 characters a segment, two at 67 for these 115
        assertThat(sms.get("body").asString()).hasSize(115);
        assertThat(sms.get("segments").asInt()).isEqualTo(2);
        JsonNode email = all.get("emails").get(0);
        assertThat(email.get("to").get(0).asString()).isEqualTo(sam + "@example.com");
        assertThat(email.get("subject").asString()).isEqualTo("Stalled: Sams stuck deal — in NEGOTIATION for 50 days");
        assertThat(email.get("text").asString()).startsWith("Sams stuck deal — in NEGOTIATION for 50 days");
        assertThat(email.get("html").asString()).contains("<p>Sams stuck deal &mdash; in NEGOTIATION for 50 days</p>");
        assertThat(email.get("at").isNull()).isFalse();

        // the delivery log recorded them SENT, the SMS under the id the fake answered
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT channel || ' ' || status || ' ' || coalesce(provider_message_id, '') FROM deliveries WHERE rule = ? ORDER BY channel")
                .param(team.toString()).query(String.class).list())
                .containsExactly("EMAIL SENT <" + deliveryId(team, "EMAIL") + "@pulse.notifier>",
                        "SMS SENT " + sms.get("sid").asString()));

        // the manager's own reminders are in her inbox
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                calls().get(token(mia, "MANAGER"), "/notifier/v1/inbox").json().get("items").valueStream()
                        .map(i -> i.get("title").asString()).toList())
                .containsExactlyInAnyOrder("Team stalled: Ritas stuck deal — in QUALIFICATION for 40 days",
                        "Team stalled: Sams stuck deal — in NEGOTIATION for 50 days"));

        // a rep sees only what reached their own phone and email
        JsonNode ritas = outbox(token(rita, "REP"));
        assertThat(ritas.get("sms").size()).isEqualTo(1);
        assertThat(ritas.get("emails").size()).isZero();
        JsonNode sams = outbox(token(sam, "REP"));
        assertThat(sams.get("sms").size()).isZero();
        assertThat(sams.get("emails").get(0).get("subject").asString()).startsWith("Stalled: Sams stuck deal");
        JsonNode mias = outbox(token(mia, "MANAGER"));
        assertThat(mias.get("sms").size() + mias.get("emails").size()).isZero();
    }

    @Test
    void theOutboxNeedsAToken() {
        assertThat(calls().get(null, "/notifier/v1/dev/outbox").status()).isEqualTo(401);
    }

    private JsonNode outbox(String token) {
        Response response = calls().get(token, "/notifier/v1/dev/outbox");
        assertThat(response.status()).as(response.json().toString()).isEqualTo(200);
        return response.json();
    }

    private UUID deliveryId(UUID rule, String channel) {
        return jdbc.sql("SELECT id FROM deliveries WHERE rule = ? AND channel = ?").params(rule.toString(), channel)
                .query(UUID.class).single();
    }

    private UUID rule(UUID owner, String body) {
        Response created = calls().post(token(owner, "MANAGER"), "/notifier/v1/rules", body);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private void fire(UUID rule, UUID recipient) {
        firings.fire(new Firing(rule, recipient.toString(), AT, AT));
    }

    private ApiCalls calls() {
        return new ApiCalls(port);
    }

    private static String token(UUID user, String role) {
        return TestTokens.token(user.toString(), List.of(role), null, "Asia/Shanghai");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
