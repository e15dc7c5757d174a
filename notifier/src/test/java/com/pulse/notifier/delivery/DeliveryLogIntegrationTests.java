package com.pulse.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.delivery.template.UnknownTemplate;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log on devstack Postgres: enqueue once per key (also inside a caller's transaction), email
 * through GreenMail in en and zh-CN, in-app through the inbox, a disabled SMS channel, and
 * {@code GET /notifier/v1/deliveries}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@Import(TestDeliveryClock.class)
class DeliveryLogIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(DeliveryLogIntegrationTests.class);
    static final GreenMail MAIL = startMail();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        r.add("pulse.notifier.email.from", () -> "Pulse <pulse@example.com>");
        r.add("pulse.notifier.delivery.poll-interval", () -> "50ms");
        // SMS deliberately left unconfigured
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    Deliveries deliveries;

    @Autowired
    DeliveryRepository repository;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void anEnglishEmailHasTheSubjectThePlainTextAndTheEscapedHtml() throws Exception {
        // given
        String to = mailbox();
        Map<String, String> values = Map.of("user.name", "Ann", "contact.name", "Bob <b>Smith</b>",
                "account.name", "Acme & Co", "amount", "1,250,000.00 CNY", "rule.name", "Big deals",
                "link", "https://pulse.example/o/42?a=1&b=2");

        // when
        Delivery d = deliveries.enqueue(request(Channel.EMAIL, to, "en", values));

        // then
        Delivery sent = awaitStatus(d, DeliveryStatus.SENT);
        MimeMessage mail = only(to);
        assertThat(mail.getSubject()).isEqualTo("Big deal won: Acme & Co — 1,250,000.00 CNY");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("Pulse <pulse@example.com>");
        assertThat(mail.getMessageID()).isEqualTo("<" + d.id() + "@pulse.notifier>").isEqualTo(sent.providerMessageId());
        Map<String, String> parts = Mails.parts(mail);
        assertThat(parts.get("text")).isEqualTo("""
                Hello Ann,

                Bob <b>Smith</b> at Acme & Co closed a deal worth 1,250,000.00 CNY.

                Rule: Big deals
                Open it: https://pulse.example/o/42?a=1&b=2
                """);
        assertThat(parts.get("html"))
                .contains("<p>Hello Ann,</p>")
                .contains("<strong>Bob &lt;b&gt;Smith&lt;/b&gt;</strong> at <strong>Acme &amp; Co</strong>")
                .contains("<a href=\"https://pulse.example/o/42?a=1&amp;b=2\">Open the deal</a>")
                .doesNotContain("<b>Smith");
    }

    @Test
    void aChineseRecipientGetsTheChineseTemplate() throws Exception {
        String to = mailbox();
        Map<String, String> values = Map.of("user.name", "王芳", "contact.name", "李雷", "account.name", "华为",
                "amount", "¥1,250,000.00", "rule.name", "大单提醒", "link", "https://pulse.example/o/7");

        Delivery d = deliveries.enqueue(request(Channel.EMAIL, to, "zh-CN", values));

        awaitStatus(d, DeliveryStatus.SENT);
        MimeMessage mail = only(to);
        assertThat(mail.getSubject()).isEqualTo("赢得大单：华为 — ¥1,250,000.00");
        Map<String, String> parts = Mails.parts(mail);
        assertThat(parts.get("text")).startsWith("王芳，您好：\n\n华为 的 李雷 成交了一笔 ¥1,250,000.00 的商机。");
        assertThat(parts.get("html")).contains("<html lang=\"zh-CN\">").contains("<strong>华为</strong> 的 <strong>李雷</strong>");
    }

    @Test
    void aMissingVariableRendersEmptyAndTheEmailIsStillSent() throws Exception {
        String to = mailbox();
        Delivery d = deliveries.enqueue(request(Channel.EMAIL, to, "en", Map.of("account.name", "Acme")));

        awaitStatus(d, DeliveryStatus.SENT);

        assertThat(Mails.parts(only(to)).get("text")).startsWith("Hello ,\n\n at Acme closed a deal worth .");
    }

    @Test
    void aLocaleWithoutTemplatesFallsBackToItsLanguageThenTheDefault() throws Exception {
        String to = mailbox();
        Delivery d = deliveries.enqueue(request(Channel.EMAIL, to, "fr-FR", Map.of("account.name", "Acme", "amount", "1")));

        awaitStatus(d, DeliveryStatus.SENT);

        assertThat(only(to).getSubject()).isEqualTo("Big deal won: Acme — 1");
        assertThat(repository.byId(d.id()).orElseThrow().locale()).isEqualTo("fr-FR");
    }

    @Test
    void theSameKeyEnqueuedTwiceIsOneRowAndOneMessage() {
        String to = mailbox();
        DeliveryRequest request = request(Channel.EMAIL, to, "en", Map.of("account.name", "Acme"));

        Delivery first = deliveries.enqueue(request);
        Delivery again = deliveries.enqueue(request);
        awaitStatus(first, DeliveryStatus.SENT);
        Delivery afterSent = deliveries.enqueue(request);

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(afterSent.id()).isEqualTo(first.id());
        assertThat(afterSent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE subject = ?").param(request.subject())
                .query(Long.class).single()).isEqualTo(1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> received(to).size() == 1);
    }

    @Test
    void anEnqueueInsideARolledBackTransactionLeavesNothing() {
        DeliveryRequest request = request(Channel.IN_APP, null, "en", Map.of("title", "x"));

        transactions.executeWithoutResult(tx -> {
            deliveries.enqueue(request);
            tx.setRollbackOnly();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE subject = ?").param(request.subject())
                .query(Long.class).single()).isZero();

        transactions.executeWithoutResult(tx -> deliveries.enqueue(request));
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE subject = ?").param(request.subject())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUnknownTemplateIsRefusedAtEnqueue() {
        DeliveryRequest request = new DeliveryRequest("r", "s", "p", Channel.IN_APP, "u", null, "en", "NO_SUCH", Map.of(), null);

        assertThatThrownBy(() -> deliveries.enqueue(request)).isInstanceOf(UnknownTemplate.class);
    }

    @Test
    void anInAppDeliveryLandsInTheRecipientsInboxOnce() {
        String user = "user-" + UUID.randomUUID();
        DeliveryRequest request = new DeliveryRequest("rule-7", "contact-1", "2026-11", Channel.IN_APP, user, null, "en",
                "ALERT", Map.of("title", "Call Bob", "body", "No contact for 90 days.", "link", "/api/v1/contacts/1"),
                Provenance.query(Instant.parse("2026-11-01T01:00:00Z"), "SELECT …"));

        Delivery d = deliveries.enqueue(request);

        Delivery sent = awaitStatus(d, DeliveryStatus.SENT);
        List<Map<String, Object>> alerts = jdbc.sql("SELECT id::text AS id, kind, title, body, link FROM alerts WHERE user_id = ?")
                .param(user).query().listOfRows();
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("kind", "ALERT").containsEntry("title", "Call Bob")
                .containsEntry("body", "No contact for 90 days.\n\n/api/v1/contacts/1").containsEntry("link", "/api/v1/contacts/1")
                .containsEntry("id", sent.providerMessageId());
    }

    @Test
    void withoutTwilioSettingsAnSmsIsFailedPermanently() {
        Delivery d = deliveries.enqueue(request(Channel.SMS, "+15551234567", "en", Map.of()));

        Delivery failed = awaitStatus(d, DeliveryStatus.FAILED_PERMANENT);

        assertThat(failed.lastError()).isEqualTo("SMS is not configured");
        assertThat(failed.attempts()).isEqualTo(1);
    }

    @Test
    void aUserListsTheirOwnDeliveriesWithStatusAttemptsAndProvenanceAndAnAdminListsEveryones() throws Exception {
        // given two deliveries for one user (one failing), one for another
        String user = "user-" + UUID.randomUUID();
        String other = "user-" + UUID.randomUUID();
        Delivery mail = deliveries.enqueue(forUser(user, Channel.EMAIL, mailbox(), "a"));
        clock.advance(Duration.ofMillis(1));
        Delivery sms = deliveries.enqueue(forUser(user, Channel.SMS, "+15551234567", "b"));
        clock.advance(Duration.ofMillis(1));
        Delivery theirs = deliveries.enqueue(forUser(other, Channel.EMAIL, mailbox(), "c"));
        awaitStatus(mail, DeliveryStatus.SENT);
        awaitStatus(sms, DeliveryStatus.FAILED_PERMANENT);
        awaitStatus(theirs, DeliveryStatus.SENT);

        // when / then: the user sees their two, newest first
        JsonNode mine = get(TestTokens.token(user), "").json();
        assertThat(ids(mine)).containsExactly(sms.id().toString(), mail.id().toString());
        JsonNode failed = mine.get("items").get(0);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED_PERMANENT");
        assertThat(failed.get("channel").asString()).isEqualTo("SMS");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asString()).isEqualTo("SMS is not configured");
        assertThat(failed.get("rule").asString()).isEqualTo("rule-9");
        assertThat(failed.get("period").asString()).isEqualTo("2026-11-28");
        assertThat(failed.get("provenance").get("sourceTopic").asString()).isEqualTo("crm.opportunities.v1");
        assertThat(failed.get("provenance").get("sourcePartition").asInt()).isEqualTo(2);
        assertThat(failed.get("provenance").get("sourceOffset").asLong()).isEqualTo(4711);
        assertThat(failed.get("provenance").get("firedAt").asString()).isEqualTo("2026-11-28T01:00:00Z");
        assertThat(failed.has("variables")).isFalse();

        // filters
        assertThat(ids(get(TestTokens.token(user), "?status=SENT").json())).containsExactly(mail.id().toString());
        assertThat(ids(get(TestTokens.token(user), "?channel=SMS").json())).containsExactly(sms.id().toString());
        assertThat(ids(get(TestTokens.token(other), "").json())).containsExactly(theirs.id().toString());

        // an admin sees all three, and pages through them
        String admin = TestTokens.token("admin-1", List.of("ADMIN"), null, null);
        List<String> seen = new ArrayList<>();
        String query = "?limit=1";
        while (query != null && seen.size() < 100) {
            JsonNode page = get(admin, query).json();
            seen.addAll(ids(page));
            query = page.get("nextCursor").isNull() ? null : "?limit=1&cursor=" + page.get("nextCursor").asString();
        }
        assertThat(seen).contains(mail.id().toString(), sms.id().toString(), theirs.id().toString()).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @CsvSource({
            "?status=sent, status",
            "?status=DONE, status",
            "?channel=FAX, channel",
            "?limit=0, limit",
            "?limit=201, limit",
            "?limit=x, limit",
            "?cursor=nope, cursor"})
    void badQueryParametersAreProblemsNamingTheField(String query, String field) throws Exception {
        Response response = get(TestTokens.token("u"), query);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void theLogNeedsAToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void withoutTheDemoProfileThereIsNoOutbox() {
        String admin = TestTokens.token("admin-1", List.of("ADMIN"), null, null);

        assertThat(new com.pulse.notifier.ApiCalls(port).get(admin, "/notifier/v1/dev/outbox").status()).isEqualTo(404);
    }

    private DeliveryRequest forUser(String user, Channel channel, String address, String subject) {
        return new DeliveryRequest("rule-9", subject + "-" + UUID.randomUUID(), "2026-11-28", channel, user, address, "en",
                "BIG_DEAL_WON", Map.of("account.name", "Acme"),
                Provenance.event(Instant.parse("2026-11-28T01:00:00Z"), "crm.opportunities.v1", 2, 4711));
    }

    private Delivery awaitStatus(Delivery d, DeliveryStatus status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> repository.byId(d.id()).orElseThrow(), r -> r.status() == status);
    }

    private static MimeMessage only(String to) {
        List<MimeMessage> messages = await().atMost(Duration.ofSeconds(10)).until(() -> received(to), m -> !m.isEmpty());
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    static List<MimeMessage> received(String to) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String mailbox() {
        return "u" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static DeliveryRequest request(Channel channel, String address, String locale, Map<String, String> values) {
        return new DeliveryRequest("BIG_DEAL_WON", UUID.randomUUID().toString(), "v1", channel, "user-1", address, locale,
                channel == Channel.IN_APP ? "ALERT" : "BIG_DEAL_WON", values, Provenance.none());
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + port + "/notifier/v1/deliveries" + query);
    }

    private Response get(String token, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri(query))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                JSON.readTree(response.body()));
    }

    record Response(int status, String contentType, JsonNode json) {
    }
}
