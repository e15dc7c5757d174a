package com.pulse.notifier.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.StompClients;
import com.pulse.notifier.StompClients.Attempt;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.inbox.AlertService;
import com.pulse.notifier.inbox.NewAlert;
import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Tokens on STOMP CONNECT and personal alerts on {@code /user/queue/alerts}, against a real notifier on
 * devstack Postgres: a rep receives their own alert and never another rep's; a CONNECT without a valid
 * token gets an ERROR frame and the connection is closed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StompAuthenticationIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(StompAuthenticationIntegrationTests.class);
    static final String REFUSED = "A valid bearer token is required.";

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    AlertService alerts;

    StompClients clients;
    final AtomicInteger keys = new AtomicInteger();

    @BeforeAll
    void client() {
        clients = new StompClients(port);
    }

    @AfterAll
    void close() {
        clients.close();
    }

    @Test
    void aRepReceivesTheirOwnAlertAndNotAnotherRepsOnUserQueueAlerts() throws Exception {
        // given two reps signed in with their tokens, each subscribed to their personal queue
        String alice = "rep-alice-" + UUID.randomUUID();
        String bob = "rep-bob-" + UUID.randomUUID();
        StompSession aliceSession = clients.connect(TestTokens.token(alice));
        StompSession bobSession = clients.connect(TestTokens.token(bob));
        Queue<String> aliceFrames = StompClients.subscribe(aliceSession, "/user/queue/alerts");
        Queue<String> bobFrames = StompClients.subscribe(bobSession, "/user/queue/alerts");
        awaitSubscribed(alice, aliceFrames);
        awaitSubscribed(bob, bobFrames);

        // when each gets an alert, the other's first (frames of one session arrive in publish order,
        // so a misrouted alert would arrive before the session's own)
        deliver(bob, "for-bob");
        deliver(alice, "for-alice");

        // then each receives exactly their own
        await().atMost(Duration.ofSeconds(10)).until(() -> !StompClients.containing(aliceFrames, "for-alice").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !StompClients.containing(bobFrames, "for-bob").isEmpty());
        deliver(alice, "after-bob-for-alice");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !StompClients.containing(aliceFrames, "after-bob-for-alice").isEmpty());
        assertThat(StompClients.containing(aliceFrames, "for-bob")).isEmpty();
        assertThat(StompClients.containing(bobFrames, "for-alice")).isEmpty();
        assertThat(StompClients.containing(aliceFrames, "for-alice").get(0))
                .contains("\"kind\":\"TEST\"", "\"title\":\"for-alice\"", "\"link\":\"/api/v1/opportunities/x\"",
                        "\"read\":false")
                .doesNotContain(alice);
        aliceSession.disconnect();
        bobSession.disconnect();
    }

    @Test
    void theTokenMayComeAsAnAccessTokenHeader() throws Exception {
        String carol = "rep-carol-" + UUID.randomUUID();
        StompHeaders connect = new StompHeaders();
        connect.add("access_token", TestTokens.token(carol));
        StompSession session = clients.attempt(connect).session.get(10, java.util.concurrent.TimeUnit.SECONDS);
        Queue<String> frames = StompClients.subscribe(session, "/user/queue/alerts");

        awaitSubscribed(carol, frames);

        session.disconnect();
    }

    @Test
    void aConnectWithoutATokenIsRefusedAndClosed() {
        assertRefused(new StompHeaders());
    }

    @ParameterizedTest
    @ValueSource(strings = {"forged", "expired", "other-issuer", "garbage", "basic"})
    void aConnectWithAnInvalidTokenIsRefusedAndClosed(String kind) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", switch (kind) {
            case "forged" -> "Bearer " + TestTokens.forged("mallory");
            case "expired" -> "Bearer " + TestTokens.expired("mallory");
            case "other-issuer" -> "Bearer " + TestTokens.otherIssuer("mallory");
            case "garbage" -> "Bearer not.a.token";
            default -> "Basic bWFsbG9yeTpzZWNyZXQ=";
        });
        assertRefused(connect);
    }

    @Test
    void aClientCannotSendToABroadcastTopic() throws Exception {
        StompClients.Attempt attempt = clients.attempt(bearer(TestTokens.token("rep-dave")));
        StompSession session = attempt.session.get(10, java.util.concurrent.TimeUnit.SECONDS);

        session.send("/topic/funnel", "{\"scopeId\":\"spoofed\"}".getBytes());

        await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected());
        assertThat(attempt.errors).containsExactly("SEND is only accepted to /app");
    }

    private void assertRefused(StompHeaders connect) {
        Attempt attempt = clients.attempt(connect);
        await().atMost(Duration.ofSeconds(10)).until(() -> !attempt.errors.isEmpty() && attempt.session.isDone());
        assertThat(attempt.errors).containsExactly(REFUSED);
        assertThat(attempt.session).as("never CONNECTED").isCompletedExceptionally();
    }

    private static StompHeaders bearer(String token) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        return connect;
    }

    // The subscription is registered asynchronously: deliver probes until one arrives.
    private void awaitSubscribed(String user, Queue<String> frames) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            deliver(user, "probe");
            return !StompClients.containing(frames, "probe").isEmpty();
        });
    }

    private void deliver(String user, String title) {
        alerts.deliver(user, new NewAlert("TEST", title, "body of " + title, "/api/v1/opportunities/x"),
                "test:" + user + ":" + keys.incrementAndGet());
    }
}
