package com.pulse.notifier.masssend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiCalls.Response;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.delivery.TwilioFake;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Mass sends on devstack Postgres (the api's tables), email through GreenMail and SMS through the Twilio SDK to
 * WireMock: the contacts a filter selects within the sender's data scope, macros filled per contact, contacts without
 * an address skipped and counted, each channel paced across sends, progress, and every bad field refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MassSendIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(MassSendIntegrationTests.class);
    static final GreenMail MAIL = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final TwilioFake TWILIO = new TwilioFake();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        MAIL.start();
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        TWILIO.register(r);
        r.add("pulse.notifier.delivery.poll-interval", () -> "50ms");
        r.add("pulse.notifier.mass-send.email-per-second", () -> "4");
        r.add("pulse.notifier.mass-send.max-recipients", () -> "3");
    }

    @AfterAll
    static void stop() {
        MAIL.stop();
        TWILIO.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    UUID rita;
    UUID mia;
    UUID samsAccount;

    @BeforeAll
    void dataset() {
        CrmData crm = new CrmData(jdbc);
        UUID sales = crm.team("Sales", null);
        mia = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(mia, sales);
        rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        UUID sam = crm.user("Sam", sales, "REP", "Asia/Shanghai");
        UUID acme = account(crm, "Acme", rita, "A");
        UUID beta = account(crm, "Beta", rita, "B");
        samsAccount = account(crm, "Sams Co", sam, "A");
        contact(crm, "Ann Lee", acme, rita, "CTO", "ann@acme.example", null);
        contact(crm, "Bob Wu", acme, rita, null, "bob@acme.example", "+8613800000201");
        contact(crm, "Cai Phone Only", acme, rita, null, null, "+8613800000202");
        contact(crm, "Dan Beta", beta, rita, null, "dan@beta.example", null);
        contact(crm, "Sue Sams", samsAccount, sam, null, "sue@sams.example", null);
    }

    @BeforeEach
    void accept() {
        TWILIO.acceptAll();
    }

    @Test
    void anEmailToTierAReachesTheRepsContactsWithAnAddressWithTheirOwnNamesPacedAndReported() throws Exception {
        // when
        Response created = api().post(token(rita, "REP"), "/notifier/v1/mass-sends", """
                {"name":"Spring launch","channel":"EMAIL","filter":{"tiers":["A"]},"locale":"en",
                 "subject":"Launch news for {{contact.name}}",
                 "body":"Dear {{contact.name}} {{contact.title}} of {{account.name}}, from {{owner.name}}."}""");

        // then Ann and Bob (Cai has no email; Sue is Sam's, outside Rita's scope)
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        JsonNode m = created.json();
        assertThat(m.get("recipients").asInt()).isEqualTo(2);
        assertThat(m.get("skipped").asInt()).isEqualTo(1);
        assertThat(m.get("ratePerSecond").asDouble()).isEqualTo(4.0);
        List<Instant> due = dueTimes(m.get("id").asString());
        assertThat(Duration.between(due.get(0), due.get(1))).isEqualTo(Duration.ofMillis(250));
        assertThat(Duration.between(Instant.parse(m.get("startsAt").asString()), Instant.parse(m.get("endsAt").asString())))
                .isEqualTo(Duration.ofMillis(500));

        await().atMost(Duration.ofSeconds(30)).until(() -> launchMails().size() == 2);
        assertThat(launchMails().stream().map(MassSendIntegrationTests::subject))
                .containsExactlyInAnyOrder("Launch news for Ann Lee", "Launch news for Bob Wu");
        MimeMessage ann = launchMails().stream().filter(x -> subject(x).endsWith("Ann Lee")).findFirst().orElseThrow();
        assertThat(ann.getAllRecipients()[0].toString()).isEqualTo("ann@acme.example");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(ann)).contains("Dear Ann Lee CTO of Acme, from Rita.");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode progress = api().get(token(rita, "REP"), "/notifier/v1/mass-sends/" + m.get("id").asString()).json();
            assertThat(progress.get("progress").get("SENT").asLong()).isEqualTo(2);
            assertThat(progress.get("done").asBoolean()).isTrue();
        });
        assertThat(api().get(token(mia, "MANAGER"), "/notifier/v1/mass-sends/" + m.get("id").asString()).status())
                .isEqualTo(404);
    }

    @Test
    void anSmsGoesToEveryContactWithAMobileNumberThroughTwilio() {
        Response created = api().post(token(rita, "REP"), "/notifier/v1/mass-sends", """
                {"name":"SMS","channel":"SMS","filter":{"tiers":["A"]},"body":"Hi {{contact.name}}, see you at the fair."}""");

        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        assertThat(created.json().get("recipients").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> TWILIO.sent("+8613800000202").size() == 1);
        assertThat(TWILIO.sent("+8613800000202").get(0).get("Body")).isEqualTo("Hi Cai Phone Only, see you at the fair.");
        await().atMost(Duration.ofSeconds(30)).until(() -> TWILIO.sent("+8613800000201").size() == 1);
    }

    @Test
    void sendsOnOneChannelQueueBehindEachOther() {
        String body = """
                {"name":"Slow","channel":"EMAIL","filter":{"accountIds":["%s"]},"subject":"Slow","body":"Hello",
                 "ratePerSecond":0.1}""";
        JsonNode first = api().post(token(mia, "MANAGER"), "/notifier/v1/mass-sends", body.formatted(samsAccount)).json();
        JsonNode second = api().post(token(mia, "MANAGER"), "/notifier/v1/mass-sends", body.formatted(samsAccount)).json();

        // the manager sees Sam's contact; at 0.1/s one message holds the channel for 10 s
        assertThat(first.get("recipients").asInt()).isEqualTo(1);
        assertThat(Duration.between(Instant.parse(first.get("startsAt").asString()), Instant.parse(first.get("endsAt").asString())))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(second.get("startsAt").asString()).isEqualTo(first.get("endsAt").asString());
        assertThat(dueTimes(second.get("id").asString())).containsExactly(Instant.parse(second.get("startsAt").asString()));
    }

    @Test
    void badRequestsNameEveryFieldAndWriteNothing() {
        long before = massSendRows();
        Response bad = api().post(token(rita, "REP"), "/notifier/v1/mass-sends", """
                {"name":"","channel":"SMS","subject":"no","body":"Hi {{contact.email}}","filter":{"tiers":["Z"],"x":1},
                 "ratePerSecond":1000,"locale":"fr"}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "subject", "body", "filter.tiers", "filter.x",
                "ratePerSecond", "locale");
        assertThat(bad.json().toString()).contains("unknown macro {{contact.email}}").contains("contact.name");

        Response noSubject = api().post(token(rita, "REP"), "/notifier/v1/mass-sends",
                "{\"name\":\"x\",\"channel\":\"EMAIL\",\"body\":\"Hi\"}");
        assertThat(fields(noSubject)).containsExactly("subject");
        Response fax = api().post(token(rita, "REP"), "/notifier/v1/mass-sends", "{\"name\":\"x\",\"channel\":\"FAX\",\"body\":\"Hi\"}");
        assertThat(fields(fax)).containsExactly("channel");

        // Sam's account is outside Rita's scope: nobody to send to
        Response nobody = api().post(token(rita, "REP"), "/notifier/v1/mass-sends", """
                {"name":"x","channel":"EMAIL","subject":"s","body":"b","filter":{"accountIds":["%s"]}}""".formatted(samsAccount));
        assertThat(nobody.status()).isEqualTo(422);
        assertThat(nobody.json().get("detail").asString()).isEqualTo("The filter selects none of the contacts you may see.");

        // all four of Rita's contacts are more than the 3 one send may reach here
        Response tooMany = api().post(token(rita, "REP"), "/notifier/v1/mass-sends",
                "{\"name\":\"x\",\"channel\":\"EMAIL\",\"subject\":\"s\",\"body\":\"b\"}");
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("filter");
        assertThat(tooMany.json().get("detail").asString()).contains("more than 3");

        assertThat(massSendRows()).isEqualTo(before);
        assertThat(api().post(null, "/notifier/v1/mass-sends", "{}").status()).isEqualTo(401);
    }

    private ApiCalls api() {
        return new ApiCalls(port);
    }

    private static String token(UUID user, String role) {
        return TestTokens.token(user.toString(), List.of(role), null, "Asia/Shanghai");
    }

    private List<MimeMessage> launchMails() {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(x -> subject(x).startsWith("Launch news")).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Instant> dueTimes(String massSend) {
        return jdbc.sql("SELECT next_attempt_at FROM deliveries WHERE rule = ? ORDER BY next_attempt_at")
                .param("mass-send:" + massSend).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
    }

    private long massSendRows() {
        return jdbc.sql("SELECT (SELECT count(*) FROM mass_sends) + (SELECT count(*) FROM deliveries WHERE rule LIKE 'mass-send:%')")
                .query(Long.class).single();
    }

    private static List<String> fields(Response r) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
        return r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }

    private UUID account(CrmData crm, String name, UUID owner, String tier) {
        UUID id = crm.account(name, owner);
        jdbc.sql("UPDATE public.accounts SET tier = ? WHERE id = ?").params(tier, id).update();
        return id;
    }

    private void contact(CrmData crm, String name, UUID account, UUID owner, String title, String email, String phone) {
        UUID id = crm.contact(name, account, owner, null);
        jdbc.sql("UPDATE public.contacts SET title = ?, email = ?, phone = ? WHERE id = ?").params(title, email, phone, id).update();
    }
}
