package com.pulse.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Exactly once across a dispatcher stopped in the middle of a batch and a second one on the same
 * database: 1,000 delivery keys (600 SMS to WireMock's Twilio, 400 emails to GreenMail), 100 of them
 * enqueued again while sending, two dispatchers racing, one stopped abruptly, a third started; every key
 * reaches its provider exactly once. Runs on the system clock: leases are real time here.
 */
@SpringBootTest
class ExactlyOnceIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ExactlyOnceIntegrationTests.class);
    static final TwilioFake TWILIO = new TwilioFake();
    static final GreenMail MAIL = startMail();
    static final Duration LEASE = Duration.ofMinutes(1);
    // The dispatcher that is stopped claims with a shorter lease, so its orphaned rows come back within the
    // test. Like any lease it must outlast its own slowest send (on a busy 2-core machine, seconds), or a
    // live send is taken for an orphan and sent twice.
    static final Duration SHORT_LEASE = Duration.ofSeconds(20);
    static final Clock CLOCK = Clock.systemUTC();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TWILIO.register(r);
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
        // the test runs its own dispatchers
        r.add("pulse.notifier.delivery.enabled", () -> "false");
        r.add("pulse.notifier.delivery.threads", () -> "8");
        r.add("spring.datasource.hikari.maximum-pool-size", () -> "16");
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
        MAIL.stop();
    }

    @Autowired
    Deliveries deliveries;

    @Autowired
    DeliveryRepository repository;

    @Autowired
    DeliveryAttempt attempt;


    @Autowired
    JdbcClient jdbc;

    @Test
    void everyKeyIsSentExactlyOnceAcrossAnAbruptStopAndASecondDispatcher() throws Exception {
        // given 1,000 keys, the provider taking a little time per message so the stop lands mid-batch
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).willReturn(TwilioFake.created().withFixedDelay(10)));
        String batch = UUID.randomUUID().toString().substring(0, 8);
        List<DeliveryRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            requests.add(i < 600
                    ? request(batch, i, Channel.SMS, String.format("+1555%07d", i))
                    : request(batch, i, Channel.EMAIL, "k" + i + "-" + batch + "@example.com"));
        }
        requests.forEach(deliveries::enqueue);

        // when two dispatchers send, while 100 keys are enqueued again (twice each, concurrently)
        DeliveryDispatcher first = dispatcher(DeliveryProperties.UnknownOutcome.RESEND, SHORT_LEASE);
        DeliveryDispatcher second = dispatcher(DeliveryProperties.UnknownOutcome.RESEND, LEASE);
        first.start();
        second.start();
        requests.subList(250, 350).parallelStream().forEach(r -> {
            deliveries.enqueue(r);
            deliveries.enqueue(r);
        });

        // and the first is stopped abruptly a third of the way through
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> sent(batch) >= 300);
        first.stopNow();
        assertThat(first.awaitWorkers(Duration.ofSeconds(30))).isTrue();
        long sentWhenStopped = sent(batch);
        // and a new one started: rows the first had claimed but not sent come back when their lease runs out
        DeliveryDispatcher third = dispatcher(DeliveryProperties.UnknownOutcome.RESEND, LEASE);
        third.start();
        await().atMost(Duration.ofSeconds(180)).until(() -> sent(batch) == 1000);
        second.stop();
        third.stop();

        // then
        assertThat(sentWhenStopped).isLessThan(1000);
        assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ?").param("exactly-once-" + batch)
                .query(Long.class).single()).isEqualTo(1000);
        Map<String, Long> smsPerNumber = TWILIO.all().stream()
                .filter(form -> form.get("To").startsWith("+1555")).collect(groupingBy(form -> form.get("To"), counting()));
        assertThat(smsPerNumber).hasSize(600);
        assertThat(smsPerNumber.values()).allMatch(n -> n == 1);
        Map<String, Long> mailsPerRecipient = Arrays.stream(MAIL.getReceivedMessages())
                .collect(groupingBy(ExactlyOnceIntegrationTests::recipient, counting()));
        assertThat(mailsPerRecipient).hasSize(400);
        assertThat(mailsPerRecipient.values()).allMatch(n -> n == 1);
    }

    @Test
    void aRowLeftSendingByAVanishedDispatcherIsSentAgainAfterItsLease() {
        // given a row claimed by a dispatcher that never came back (claimed, nothing sent, nothing recorded)
        TWILIO.acceptAll();
        String to = "+4915112345678";
        Delivery d = deliveries.enqueue(request("lease-" + UUID.randomUUID(), 0, Channel.SMS, to));
        Instant now = CLOCK.instant();
        assertThat(repository.claim(UUID.randomUUID(), now, now.plus(SHORT_LEASE), 1000))
                .extracting(Delivery::id).contains(d.id());
        DeliveryDispatcher dispatcher = dispatcher(DeliveryProperties.UnknownOutcome.RESEND, LEASE);
        dispatcher.start();
        try {
            // when: while the lease lasts nothing happens; once it ran out, the row is sent
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> repository.byId(d.id()).orElseThrow().status() == DeliveryStatus.SENDING);

            // then
            Delivery sent = await().atMost(Duration.ofSeconds(60)).until(() -> repository.byId(d.id()).orElseThrow(),
                    r -> r.status() == DeliveryStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(TWILIO.sent(to)).hasSize(1);
        } finally {
            dispatcher.stop();
        }
    }

    @Test
    void withGiveUpARowLeftSendingIsFailedNotResent() {
        TWILIO.acceptAll();
        String to = "+4915187654321";
        Delivery d = deliveries.enqueue(request("give-up-" + UUID.randomUUID(), 0, Channel.SMS, to));
        Instant now = CLOCK.instant();
        repository.claim(UUID.randomUUID(), now, now, 1000); // its lease ends at once
        DeliveryDispatcher dispatcher = dispatcher(DeliveryProperties.UnknownOutcome.GIVE_UP, LEASE);
        dispatcher.start();
        try {
            Delivery failed = await().atMost(Duration.ofSeconds(20)).until(() -> repository.byId(d.id()).orElseThrow(),
                    r -> r.status() == DeliveryStatus.FAILED);
            assertThat(failed.lastError()).isEqualTo("outcome unknown: its dispatcher stopped while sending");
            assertThat(TWILIO.sent(to)).isEmpty();
        } finally {
            dispatcher.stop();
        }
    }

    private DeliveryDispatcher dispatcher(DeliveryProperties.UnknownOutcome unknownOutcome, Duration lease) {
        DeliveryProperties properties = new DeliveryProperties("en", true, 4, Duration.ofMillis(20), lease,
                unknownOutcome, 6, Duration.ofSeconds(30), Duration.ofHours(1));
        return new DeliveryDispatcher(repository, attempt, properties, CLOCK);
    }

    private long sent(String batch) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ? AND status = 'SENT'")
                .param("exactly-once-" + batch).query(Long.class).single();
    }

    private static DeliveryRequest request(String batch, int i, Channel channel, String address) {
        return new DeliveryRequest("exactly-once-" + batch, "subject-" + i, "2026-11-28", channel, "user-" + (i % 7),
                address, i % 2 == 0 ? "en" : "zh-CN", "BIG_DEAL_WON",
                Map.of("account.name", "Account " + i, "amount", i + ".00 CNY", "link", "https://pulse.example/" + i),
                Provenance.event(Instant.parse("2026-11-28T01:00:00Z"), "crm.opportunities.v1", 0, i));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        return mail;
    }
}
