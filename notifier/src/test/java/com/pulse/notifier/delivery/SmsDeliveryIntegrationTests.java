package com.pulse.notifier.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * SMS deliveries through the real Twilio SDK against WireMock, on devstack Postgres: what Twilio receives,
 * retries of 429 and 500 with back-off (the clock moved, not waited for), and permanent refusals.
 */
@SpringBootTest
@Import(TestDeliveryClock.class)
class SmsDeliveryIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(SmsDeliveryIntegrationTests.class);
    static final TwilioFake TWILIO = new TwilioFake();
    static final AtomicInteger NUMBERS = new AtomicInteger();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TWILIO.register(r);
        r.add("pulse.notifier.delivery.poll-interval", () -> "50ms");
        r.add("pulse.notifier.delivery.initial-backoff", () -> "30s");
        r.add("pulse.notifier.delivery.max-backoff", () -> "10m");
        r.add("pulse.notifier.delivery.max-attempts", () -> "4");
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
    }

    @Autowired
    Deliveries deliveries;

    @Autowired
    DeliveryRepository repository;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void accept() {
        TWILIO.acceptAll();
    }

    @Test
    void twilioReceivesTheRecipientTheSenderAndTheRenderedTemplate() {
        // given
        String to = number();

        // when
        Delivery d = deliveries.enqueue(bigDeal(to, "en"));

        // then
        Delivery sent = awaitStatus(d, DeliveryStatus.SENT);
        List<Map<String, String>> requests = TWILIO.sent(to);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).containsEntry("To", to).containsEntry("From", TwilioFake.FROM)
                .containsEntry("Body", "Pulse: Acme Ltd won, 1,250,000.00 CNY. https://pulse.example/o/42");
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.providerMessageId()).startsWith("SM");
        assertThat(sent.segments()).isEqualTo(1);
        assertThat(sent.sentAt()).isNotNull();
    }

    @Test
    void aLongChineseTextIsCountedInUcs2Segments() {
        String to = number();
        // 75 Chinese characters and the template's own: more than 70 UCS-2 units, so 2 segments of 67
        Delivery d = deliveries.enqueue(request(to, "zh-CN", Map.of("account.name", "长".repeat(75), "amount", "100",
                "link", "x")));

        Delivery sent = awaitStatus(d, DeliveryStatus.SENT);

        assertThat(TWILIO.sent(to).get(0).get("Body")).startsWith("Pulse：" + "长".repeat(75) + " 赢单 100。");
        assertThat(sent.segments()).isEqualTo(2);
    }

    @Test
    void rateLimitedThenServerErrorThenAcceptedIsSentOnTheThirdAttemptAfterBackingOff() {
        // given Twilio answers 429, then 500, then 201 for this number
        String to = number();
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).inScenario(to)
                .whenScenarioStateIs(Scenario.STARTED).willReturn(TwilioFake.error(429, 20429)).willSetStateTo("500"));
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).inScenario(to)
                .whenScenarioStateIs("500").willReturn(TwilioFake.error(500, 20500)).willSetStateTo("ok"));
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).inScenario(to)
                .whenScenarioStateIs("ok").willReturn(TwilioFake.created()));

        // when
        Delivery d = deliveries.enqueue(bigDeal(to, "en"));

        // then the 429 is recorded and the next attempt waits 15–30 s (first back-off, jittered)
        Delivery first = awaitStatus(d, DeliveryStatus.RETRYING);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.lastError()).contains("429").contains("20429");
        assertThat(Duration.between(clock.instant(), first.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
        assertThat(TWILIO.sent(to)).hasSize(1);

        // the 500: the second back-off is 30–60 s
        clock.advance(Duration.ofSeconds(30));
        Delivery second = await().atMost(Duration.ofSeconds(20))
                .until(() -> repository.byId(d.id()).orElseThrow(), r -> r.attempts() == 2 && r.status() == DeliveryStatus.RETRYING);
        assertThat(second.lastError()).contains("500");
        assertThat(Duration.between(clock.instant(), second.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(TWILIO.sent(to)).hasSize(2); // no retry hidden inside the SDK

        clock.advance(Duration.ofSeconds(60));
        Delivery sent = awaitStatus(d, DeliveryStatus.SENT);
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.lastError()).isNull();
        assertThat(TWILIO.sent(to)).hasSize(3);
    }

    @Test
    void anInvalidNumberAnsweredWith21211IsFailedPermanentlyAfterOneAttempt() {
        String to = number();
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing("To=" + to.replace("+", "%2B")))
                .willReturn(TwilioFake.error(400, 21211)));

        Delivery d = deliveries.enqueue(bigDeal(to, "en"));

        Delivery failed = awaitStatus(d, DeliveryStatus.FAILED_PERMANENT);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).contains("21211");
        clock.advance(Duration.ofHours(2));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> repository.byId(d.id()).orElseThrow().attempts() == 1);
        assertThat(TWILIO.sent(to)).hasSize(1);
    }

    @Test
    void transientFailuresEndAsFailedAfterTheLastAttempt() {
        String to = number();
        TWILIO.server.stubFor(post(urlPathEqualTo(TwilioFake.PATH)).withRequestBody(
                        com.github.tomakehurst.wiremock.client.WireMock.containing("To=" + to.replace("+", "%2B")))
                .willReturn(TwilioFake.error(503, 20503)));

        Delivery d = deliveries.enqueue(bigDeal(to, "en"));
        for (int attempt = 1; attempt < 4; attempt++) {
            int expected = attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> repository.byId(d.id()).orElseThrow(),
                    r -> r.attempts() == expected && r.status() == DeliveryStatus.RETRYING);
            clock.advance(Duration.ofMinutes(10));
        }

        Delivery failed = awaitStatus(d, DeliveryStatus.FAILED);
        assertThat(failed.attempts()).isEqualTo(4);
        assertThat(failed.lastError()).startsWith("gave up after 4 attempts").contains("503");
        assertThat(TWILIO.sent(to)).hasSize(4);
    }

    @Test
    void aNumberThatIsNotE164IsRefusedWithoutAskingTwilio() {
        String to = "0151 234567";

        Delivery d = deliveries.enqueue(bigDeal(to, "en"));

        Delivery failed = awaitStatus(d, DeliveryStatus.FAILED_PERMANENT);
        assertThat(failed.lastError()).isEqualTo("not an E.164 phone number: 0151 234567");
        assertThat(TWILIO.sent(to)).isEmpty();
    }

    private Delivery awaitStatus(Delivery d, DeliveryStatus status) {
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> repository.byId(d.id()).orElseThrow(), r -> r.status() == status);
    }

    static String number() {
        return "+1555" + String.format("%07d", NUMBERS.incrementAndGet() + 1000 * (int) (Math.random() * 9000));
    }

    static DeliveryRequest bigDeal(String to, String locale) {
        return request(to, locale, Map.of("account.name", "Acme Ltd", "amount", "1,250,000.00 CNY",
                "link", "https://pulse.example/o/42"));
    }

    static DeliveryRequest request(String to, String locale, Map<String, String> variables) {
        return new DeliveryRequest("BIG_DEAL_WON", UUID.randomUUID().toString(), "v1", Channel.SMS, "user-1", to,
                locale, "BIG_DEAL_WON", variables, Provenance.event(Instant.now(), "crm.opportunities.v1", 0, 7L));
    }
}
