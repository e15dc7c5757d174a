package com.pulse.notifier.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.FunnelChanged;
import com.pulse.events.KpiChanged;
import com.pulse.events.Topics;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.StompClients;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.scope.Scopes;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Scoped broadcasts of funnel, forecast and KPI cells ({@code /topic/agg/<kind>/<scopeType>/<scopeId>}) on
 * real Kafka and the api's user and team tables in Postgres: a rep receives their own scope's changes and
 * never another rep's; a subscription to a scope the caller may not see is refused with an ERROR frame.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedBroadcastIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ScopedBroadcastIntegrationTests.class);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        createTopics();
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Scopes scopes;

    StompClients clients;
    KafkaProducer<String, byte[]> producer;
    final AtomicLong counts = new AtomicLong();

    UUID east;
    UUID eastOne;
    UUID west;
    UUID mia;
    UUID alice;
    UUID bob;
    UUID eve;

    @BeforeAll
    void dataset() {
        // East ⊃ East-1 managed by Mia; Alice in East-1, Bob in West; Eve an executive.
        CrmData crm = new CrmData(jdbc);
        east = crm.team("East", null);
        eastOne = crm.team("East-1", east);
        west = crm.team("West", null);
        mia = crm.user("Mia", east, "MANAGER", "Asia/Shanghai");
        crm.manages(mia, east);
        alice = crm.user("Alice", eastOne, "REP", "Asia/Shanghai");
        bob = crm.user("Bob", west, "REP", "Asia/Shanghai");
        eve = crm.user("Eve", null, "EXECUTIVE", "Asia/Shanghai");
        clients = new StompClients(port);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    void close() {
        clients.close();
        producer.close();
    }

    @Test
    void aRepReceivesTheirScopesChangesAndNotAnotherReps() throws Exception {
        // given Alice and Bob, each subscribed to their own funnel scope
        StompSession aliceSession = clients.connect(token(alice, "REP"));
        StompSession bobSession = clients.connect(token(bob, "REP"));
        Queue<String> aliceFrames = StompClients.subscribe(aliceSession, funnelOf(alice));
        Queue<String> bobFrames = StompClients.subscribe(bobSession, funnelOf(bob));
        awaitSubscribed(aliceFrames, alice);
        awaitSubscribed(bobFrames, bob);

        // when streams publishes Bob's cell, then Alice's (frames of a session keep publish order, so a
        // misrouted cell of Bob's would reach Alice before her own)
        FunnelChanged bobs = funnel(bob, "NEGOTIATION");
        FunnelChanged alices = funnel(alice, "NEGOTIATION");
        send(Topics.AGG_FUNNEL.qualified(NS.topicPrefix()), bobs.key(), bobs);
        send(Topics.AGG_FUNNEL.qualified(NS.topicPrefix()), alices.key(), alices);

        // then each receives exactly their own cell, as the topic's JSON
        await().atMost(Duration.ofSeconds(20)).until(() -> cells(aliceFrames).contains(alices));
        await().atMost(Duration.ofSeconds(20)).until(() -> cells(bobFrames).contains(bobs));
        assertThat(cells(aliceFrames)).allSatisfy(c -> assertThat(c.scopeId()).isEqualTo(alice.toString()));
        assertThat(cells(bobFrames)).allSatisfy(c -> assertThat(c.scopeId()).isEqualTo(bob.toString()));
        aliceSession.disconnect();
        bobSession.disconnect();
    }

    @Test
    void aSubscriptionToAScopeTheCallerMayNotSeeIsRefused() {
        String repToken = token(alice, "REP");
        assertRefused(repToken, funnelOf(bob), ScopedSubscriptions.REFUSED);
        assertRefused(repToken, "/topic/agg/kpis/TEAM/" + eastOne, ScopedSubscriptions.REFUSED);
        assertRefused(repToken, "/topic/agg/forecast/COMPANY/company", ScopedSubscriptions.REFUSED);
        // a pattern would be matched by the broker against every scope's destination
        assertRefused(repToken, "/topic/agg/funnel/**", "wildcard subscriptions are not accepted");
        assertRefused(repToken, "/topic/agg/funnel/OWNER/*", "wildcard subscriptions are not accepted");
        assertRefused(repToken, "/topic/agg/pipeline/OWNER/" + alice, "unknown destination");
        // every scope's funnel cells on the cockpit's topic: not for a rep, nor a manager
        assertRefused(repToken, "/topic/funnel", ScopedSubscriptions.REFUSED);
        // a manager sees the teams they manage and below, not a team beside them, nor the company
        String managerToken = token(mia, "MANAGER");
        assertRefused(managerToken, "/topic/agg/forecast/TEAM/" + west, ScopedSubscriptions.REFUSED);
        assertRefused(managerToken, funnelOf(bob), ScopedSubscriptions.REFUSED);
        assertRefused(managerToken, "/topic/agg/kpis/COMPANY/company", ScopedSubscriptions.REFUSED);
        assertRefused(managerToken, "/topic/funnel", ScopedSubscriptions.REFUSED);
    }

    @Test
    void aBinnedTeamIsManagedByNobody() {
        // given Max, who manages South, and South binned (as the api's recycle bin does)
        CrmData crm = new CrmData(jdbc);
        UUID south = crm.team("South", null);
        UUID max = crm.user("Max", south, "MANAGER", "Asia/Shanghai");
        crm.manages(max, south);
        String maxToken = token(max, "MANAGER");
        assertThat(scopes.managedTeams(max.toString())).containsExactly(south);

        jdbc.sql("UPDATE public.teams SET deleted_at = now() WHERE id = ?").param(south).update();

        // then South is no longer Max's: its topics are refused, as the api and olap refuse its records
        assertThat(scopes.managedTeams(max.toString())).isEmpty();
        assertRefused(maxToken, "/topic/agg/forecast/TEAM/" + south, ScopedSubscriptions.REFUSED);
    }

    @Test
    void aManagerReceivesTheirSubtreeAndAnExecutiveTheCompany() throws Exception {
        // given Mia subscribed to East-1's forecast and Alice's KPIs, Eve to the company's KPIs
        StompSession miaSession = clients.connect(token(mia, "MANAGER"));
        StompSession eveSession = clients.connect(token(eve, "EXECUTIVE"));
        Queue<String> teamForecast = StompClients.subscribe(miaSession, "/topic/agg/forecast/TEAM/" + eastOne);
        Queue<String> aliceKpis = StompClients.subscribe(miaSession, "/topic/agg/kpis/OWNER/" + alice);
        Queue<String> companyKpis = StompClients.subscribe(eveSession, "/topic/agg/kpis/COMPANY/company");

        // when streams publishes those cells (repeatedly, until the subscriptions are registered)
        String forecastTopic = Topics.AGG_FORECAST.qualified(NS.topicPrefix());
        String kpiTopic = Topics.AGG_KPIS.qualified(NS.topicPrefix());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            ForecastChanged forecast = forecast("TEAM", eastOne.toString());
            KpiChanged own = kpis("OWNER", alice.toString());
            KpiChanged company = kpis("COMPANY", "company");
            send(forecastTopic, forecast.key(), forecast);
            send(kpiTopic, own.key(), own);
            send(kpiTopic, company.key(), company);
            return !teamForecast.isEmpty() && !aliceKpis.isEmpty() && !companyKpis.isEmpty();
        });

        // then each received only the scope it subscribed to
        assertThat(teamForecast).allSatisfy(body -> assertThat(EventJson.read(body.getBytes(), ForecastChanged.class))
                .returns("TEAM", ForecastChanged::scopeType).returns(eastOne.toString(), ForecastChanged::scopeId));
        assertThat(aliceKpis).allSatisfy(body -> assertThat(EventJson.read(body.getBytes(), KpiChanged.class))
                .returns("OWNER", KpiChanged::scopeType).returns(alice.toString(), KpiChanged::scopeId));
        assertThat(companyKpis).allSatisfy(body -> assertThat(EventJson.read(body.getBytes(), KpiChanged.class))
                .returns("COMPANY", KpiChanged::scopeType).returns(new BigDecimal("1250.50"), KpiChanged::revenueWon));
        miaSession.disconnect();
        eveSession.disconnect();
    }

    private void assertRefused(String token, String destination, String reason) {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        StompClients.Attempt attempt = clients.attempt(connect);
        StompSession session = await().atMost(Duration.ofSeconds(10)).until(() -> attempt.session.getNow(null),
                s -> s != null);
        StompClients.subscribe(session, destination);
        await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected());
        assertThat(attempt.errors).as(destination).containsExactly(reason);
    }

    // The subscription is registered asynchronously and the consumer starts at the topic's end: probe.
    private void awaitSubscribed(Queue<String> frames, UUID owner) {
        String topic = Topics.AGG_FUNNEL.qualified(NS.topicPrefix());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            FunnelChanged probe = funnel(owner, "PROSPECTING");
            send(topic, probe.key(), probe);
            return !frames.isEmpty();
        });
    }

    private static List<FunnelChanged> cells(Queue<String> frames) {
        return frames.stream().map(b -> EventJson.read(b.getBytes(), FunnelChanged.class)).toList();
    }

    private static String funnelOf(UUID owner) {
        return "/topic/agg/funnel/OWNER/" + owner;
    }

    private FunnelChanged funnel(UUID owner, String stage) {
        long n = counts.incrementAndGet();
        return new FunnelChanged("OWNER", owner.toString(), stage, n, BigDecimal.valueOf(n * 1000, 2),
                BigDecimal.valueOf(n * 500, 2), Instant.parse("2026-11-28T08:00:00Z"));
    }

    private static ForecastChanged forecast(String scopeType, String scopeId) {
        BigDecimal x = new BigDecimal("100.00");
        return new ForecastChanged(scopeType, scopeId, "2026-11", x, x, x, x, x, x, Instant.parse("2026-11-28T08:00:00Z"));
    }

    private static KpiChanged kpis(String scopeType, String scopeId) {
        return new KpiChanged(scopeType, scopeId, KpiChanged.MTD, LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-28"),
                new BigDecimal("1250.50"), 3, 1, 2, new BigDecimal("0.5000"), 4, 5, 1, BigDecimal.TEN, BigDecimal.ONE,
                null, null, null, Map.of("A", 1L), List.of(), Instant.parse("2026-11-28T08:00:00Z"));
    }

    private void send(String topic, String key, Object cell) {
        producer.send(new ProducerRecord<>(topic, key, EventJson.write(cell)));
    }

    private static String token(UUID user, String role) {
        return TestTokens.token(user.toString(), List.of(role), null, "Asia/Shanghai");
    }

    private static void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap()))) {
            admin.createTopics(List.of(AggKind.values()).stream()
                    .map(k -> new NewTopic(k.topic.qualified(NS.topicPrefix()), 2, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the aggregate topics", e);
        }
    }
}
