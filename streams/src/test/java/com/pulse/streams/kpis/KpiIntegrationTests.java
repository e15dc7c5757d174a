package com.pulse.streams.kpis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.AccountChanged;
import com.pulse.events.AccountSnapshot;
import com.pulse.events.ActivityChanged;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.LeadChanged;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.Topics;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.streams.PulseStreamsApplication;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on the shared devstack: teams, users, opportunities, leads, activities, accounts and targets produced as
 * the API would (with duplicates and stale versions; the owners' team paths come from the scopes task), then every row of ClickHouse's
 * {@code kpis} and {@code kpi_targets} for the company, two teams and an owner must equal METRICS.md §KPIs recomputed
 * here from the latest snapshots — not from the topology's classes.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class KpiIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(KpiIntegrationTests.class);
    static final KpiTopics TOPICS = KpiTopics.of(NS.topicPrefix());
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final List<String> PERIODS = List.of("TODAY", "MTD", "QTD", "YTD");
    static final UUID TEAM_A = UUID.randomUUID();
    static final UUID TEAM_B = UUID.randomUUID();
    static final UUID DEPARTMENT = UUID.randomUUID();
    static final List<UUID> OWNERS = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
    static final Map<UUID, List<UUID>> PATHS = Map.of(OWNERS.get(0), List.of(TEAM_A, DEPARTMENT), OWNERS.get(1), List.of(TEAM_A, DEPARTMENT),
            OWNERS.get(2), List.of(TEAM_B, DEPARTMENT));

    static KafkaProducer<String, byte[]> producer;
    static ClickHouseGateway clickHouse;
    final Map<UUID, OpportunitySnapshot> opportunities = new HashMap<>();
    final Map<UUID, LeadSnapshot> leads = new HashMap<>();
    final Map<UUID, Instant> disqualifiedAt = new HashMap<>();
    final Map<UUID, ActivitySnapshot> activities = new HashMap<>();
    final Map<UUID, AccountSnapshot> accounts = new HashMap<>();
    final Map<UUID, TargetSnapshot> targets = new HashMap<>();

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @BeforeAll
    static void open() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));
    }

    @AfterAll
    static void close() {
        producer.close();
        clickHouse.close();
    }

    @Test
    void clickHousesKpisEqualTheirRecomputationFromTheProducedEvents() throws Exception {
        // given: the team tree and the users as the API publishes them (the scopes task turns them into owners' team paths
        // on pulse.agg.owner-teams.v1), then records with histories
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        team(DEPARTMENT, null, now);
        team(TEAM_A, DEPARTMENT, now);
        team(TEAM_B, DEPARTMENT, now);
        PATHS.forEach((owner, path) -> user(owner, path.get(0), now));
        Random random = new Random(7);
        List<Runnable> stale = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            opportunityHistory(random, now, stale);
        }
        for (int i = 0; i < 25; i++) {
            leadHistory(random, now);
            activityHistory(random, now);
        }
        for (int i = 0; i < 15; i++) {
            account(random, now);
        }
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        target("USER", OWNERS.get(0), "MONTH", YearMonth.from(today).toString(), "WON_AMOUNT", "50000.00");
        target("TEAM", TEAM_A, "QUARTER", today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1), "NEW_LEADS", "7");
        target("TEAM", DEPARTMENT, "YEAR", String.valueOf(today.getYear()), "ACTIVITIES", "40");
        stale.forEach(Runnable::run); // late older versions and duplicates: normal input
        producer.flush();

        // then
        Map<String, Predicate<UUID>> scopes = new LinkedHashMap<>();
        scopes.put("COMPANY:company", owner -> true);
        scopes.put("TEAM:" + TEAM_A, owner -> owner != null && PATHS.get(owner).contains(TEAM_A));
        scopes.put("TEAM:" + DEPARTMENT, owner -> owner != null && PATHS.get(owner).contains(DEPARTMENT));
        scopes.put("OWNER:" + OWNERS.get(0), owner -> OWNERS.get(0).equals(owner));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            LocalDate day = LocalDate.now(ZONE);
            for (var scope : scopes.entrySet()) {
                String type = scope.getKey().substring(0, scope.getKey().indexOf(':'));
                String id = scope.getKey().substring(scope.getKey().indexOf(':') + 1);
                for (String period : PERIODS) {
                    List<Map<String, Object>> rows = clickHouse.query("""
                            SELECT toString(as_of) AS as_of, revenue_won, new_leads, leads_converted, leads_closed, lead_conversion_rate,
                                   new_opportunities, activities, new_customers, open_pipeline, weighted_pipeline, win_rate_90d,
                                   avg_deal_size_90d, sales_cycle_days_90d, customers_tier_a, customers_tier_b, customers_tier_c,
                                   customers_tier_d
                            FROM kpis FINAL WHERE scope_type = ? AND scope_id = ? AND period = ?""", type, id, period);
                    assertThat(rows).as(scope.getKey() + " " + period).hasSize(1);
                    assertThat(normalized(rows.get(0))).as(scope.getKey() + " " + period)
                            .isEqualTo(normalized(expected(scope.getValue(), period, day)));
                    List<Map<String, Object>> attainment = clickHouse.query("""
                            SELECT metric, target, actual, attainment FROM kpi_targets FINAL
                            WHERE scope_type = ? AND scope_id = ? AND period = ? ORDER BY metric""", type, id, period);
                    assertThat(attainment.stream().map(KpiIntegrationTests::normalized).toList()).as(scope.getKey() + " " + period + " targets")
                            .isEqualTo(expectedTargets(scope.getKey(), scope.getValue(), period, day).stream()
                                    .map(KpiIntegrationTests::normalized).toList());
                }
            }
        });
        // the dataset is not degenerate: something was won, converted, completed and attained
        Map<String, Object> ytd = expected(owner -> true, "YTD", today);
        assertThat((BigDecimal) ytd.get("revenue_won")).isPositive();
        assertThat((Long) ytd.get("leads_converted")).isPositive();
        assertThat((Long) ytd.get("activities")).isPositive();
        assertThat(expected(owner -> true, "TODAY", today).get("win_rate_90d")).isNotNull();
    }

    // ---- the recomputation (METRICS.md §KPIs, §Targets) ----

    private Map<String, Object> expected(Predicate<UUID> scope, String period, LocalDate today) {
        LocalDate start = switch (period) {
            case "TODAY" -> today;
            case "MTD" -> today.withDayOfMonth(1);
            case "QTD" -> today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
            default -> today.withDayOfYear(1);
        };
        Predicate<Instant> inPeriod = at -> at != null && !day(at).isBefore(start) && !day(at).isAfter(today);
        Predicate<Instant> in90 = at -> at != null && !day(at).isBefore(today.minusDays(89)) && !day(at).isAfter(today);
        List<OpportunitySnapshot> opps = opportunities.values().stream().filter(o -> !o.deleted() && scope.test(o.ownerId())).toList();
        List<OpportunitySnapshot> won90 = opps.stream().filter(o -> o.stage().equals("CLOSED_WON") && in90.test(o.closedAt())).toList();
        long lost90 = opps.stream().filter(o -> o.stage().equals("CLOSED_LOST") && in90.test(o.closedAt())).count();
        List<LeadSnapshot> ls = leads.values().stream().filter(l -> !l.deleted() && scope.test(l.ownerId())).toList();
        long converted = ls.stream().filter(l -> l.status().equals("CONVERTED") && inPeriod.test(l.convertedAt())).count();
        long closed = converted + ls.stream().filter(l -> l.status().equals("DISQUALIFIED") && inPeriod.test(disqualifiedAt.get(l.id()))).count();
        List<AccountSnapshot> acs = accounts.values().stream().filter(a -> !a.deleted() && scope.test(a.ownerId())).toList();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("as_of", today.toString());
        e.put("revenue_won", money(opps.stream().filter(o -> o.stage().equals("CLOSED_WON") && inPeriod.test(o.closedAt()))
                .map(OpportunitySnapshot::amountBase).reduce(BigDecimal.ZERO, BigDecimal::add)));
        e.put("new_leads", ls.stream().filter(l -> inPeriod.test(l.createdAt())).count());
        e.put("leads_converted", converted);
        e.put("leads_closed", closed);
        e.put("lead_conversion_rate", closed == 0 ? null : BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(closed), 4, RoundingMode.HALF_UP));
        e.put("new_opportunities", opps.stream().filter(o -> inPeriod.test(o.createdAt())).count());
        e.put("activities", activities.values().stream().filter(a -> !a.deleted() && scope.test(a.ownerId()) && inPeriod.test(a.completedAt())).count());
        e.put("new_customers", acs.stream().filter(a -> a.type().equals("CUSTOMER") && inPeriod.test(a.createdAt())).count());
        List<OpportunitySnapshot> open = opps.stream().filter(o -> !o.stage().startsWith("CLOSED_")).toList();
        e.put("open_pipeline", money(open.stream().map(OpportunitySnapshot::amountBase).reduce(BigDecimal.ZERO, BigDecimal::add)));
        e.put("weighted_pipeline", money(open.stream().map(o -> o.amountBase().multiply(BigDecimal.valueOf(o.probability())).divide(BigDecimal.valueOf(100)))
                .reduce(BigDecimal.ZERO, BigDecimal::add)));
        e.put("win_rate_90d", won90.isEmpty() && lost90 == 0 ? null
                : BigDecimal.valueOf(won90.size()).divide(BigDecimal.valueOf(won90.size() + lost90), 4, RoundingMode.HALF_UP));
        e.put("avg_deal_size_90d", won90.isEmpty() ? null : won90.stream().map(OpportunitySnapshot::amountBase).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(won90.size()), 2, RoundingMode.HALF_UP));
        e.put("sales_cycle_days_90d", won90.isEmpty() ? null : BigDecimal.valueOf(won90.stream()
                        .mapToLong(o -> Duration.between(o.createdAt(), o.closedAt()).toSeconds()).sum())
                .divide(BigDecimal.valueOf(86_400L * won90.size()), 2, RoundingMode.HALF_UP));
        for (String tier : List.of("A", "B", "C", "D")) {
            e.put("customers_tier_" + tier.toLowerCase(), acs.stream().filter(a -> a.status().equals("ACTIVE") && a.tier().equals(tier)).count());
        }
        return e;
    }

    private List<Map<String, Object>> expectedTargets(String scopeKey, Predicate<UUID> scope, String period, LocalDate today) {
        Map<String, Object> actuals = expected(scope, period, today);
        String[] targetPeriod = switch (period) {
            case "MTD" -> new String[] {"MONTH", YearMonth.from(today).toString()};
            case "QTD" -> new String[] {"QUARTER", today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1)};
            case "YTD" -> new String[] {"YEAR", String.valueOf(today.getYear())};
            default -> null;
        };
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String metric : List.of("ACTIVITIES", "NEW_CUSTOMERS", "NEW_LEADS", "WON_AMOUNT")) {
            BigDecimal actual = switch (metric) {
                case "WON_AMOUNT" -> (BigDecimal) actuals.get("revenue_won");
                case "NEW_LEADS" -> BigDecimal.valueOf((Long) actuals.get("new_leads"));
                case "ACTIVITIES" -> BigDecimal.valueOf((Long) actuals.get("activities"));
                default -> BigDecimal.valueOf((Long) actuals.get("new_customers"));
            };
            BigDecimal target = targetPeriod == null ? null : targets.values().stream()
                    .filter(t -> !t.deleted() && t.metric().equals(metric) && t.periodType().equals(targetPeriod[0]) && t.period().equals(targetPeriod[1])
                            && scopeKey.equals((t.scopeType().equals("USER") ? "OWNER:" : "TEAM:") + t.scopeId()))
                    .map(TargetSnapshot::value).reduce(BigDecimal::add).orElse(null);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("metric", metric);
            row.put("target", target);
            row.put("actual", money(actual));
            row.put("attainment", target == null || target.signum() == 0 ? null : actual.divide(target, 4, RoundingMode.HALF_UP));
            rows.add(row);
        }
        return rows;
    }

    // ---- the dataset ----

    private void opportunityHistory(Random random, Instant now, List<Runnable> stale) {
        UUID id = UUID.randomUUID();
        UUID owner = random.nextInt(5) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
        Instant created = now.minus(Duration.ofHours(1 + random.nextInt(24 * 200)));
        BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(5_000_000), 2);
        String[] open = {"PROSPECTING", "QUALIFICATION", "NEEDS_ANALYSIS", "PROPOSAL", "NEGOTIATION"};
        int[] probability = {10, 20, 40, 60, 80};
        List<OpportunityChanged> versions = new ArrayList<>();
        int steps = 1 + random.nextInt(5);
        boolean deleted = false;
        for (long v = 1; v <= steps; v++) {
            int kind = v == 1 ? 0 : random.nextInt(6);
            String stage;
            int p;
            Instant closedAt = null;
            if (kind <= 2) {
                int s = random.nextInt(open.length);
                stage = open[s];
                p = probability[s];
            } else if (kind == 3) {
                stage = "CLOSED_WON";
                p = 100;
                closedAt = between(random, created, now);
            } else if (kind == 4) {
                stage = "CLOSED_LOST";
                p = 0;
                closedAt = between(random, created, now);
            } else {
                OpportunitySnapshot last = versions.get(versions.size() - 1).snapshot();
                stage = last.stage();
                p = last.probability();
                closedAt = last.closedAt();
                deleted = !last.deleted();
            }
            OpportunitySnapshot s = new OpportunitySnapshot(id, null, owner, "Deal", stage, amount, "CNY", amount, p, null, null, closedAt,
                    created, now, kind == 5 && deleted, v);
            versions.add(new OpportunityChanged(UUID.randomUUID(), id, v, v == 1 ? Operation.CREATED : Operation.UPDATED, "tester", now, s));
        }
        versions.forEach(e -> send(TOPICS.opportunities(), id, CloudEventCodec.encode(e, "/pulse/api")));
        opportunities.put(id, versions.get(versions.size() - 1).snapshot());
        OpportunityChanged first = versions.get(0);
        stale.add(() -> send(TOPICS.opportunities(), id, CloudEventCodec.encode(first, "/pulse/api")));
        OpportunityChanged last = versions.get(versions.size() - 1);
        stale.add(() -> send(TOPICS.opportunities(), id, CloudEventCodec.encode(last, "/pulse/api")));
    }

    private void leadHistory(Random random, Instant now) {
        UUID id = UUID.randomUUID();
        UUID owner = random.nextInt(5) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
        Instant created = now.minus(Duration.ofHours(1 + random.nextInt(24 * 120)));
        List<LeadSnapshot> versions = new ArrayList<>();
        versions.add(lead(id, 1, owner, "NEW", created, null, created, false));
        int outcome = random.nextInt(4);
        Instant closed = between(random, created, now);
        if (outcome == 1) {
            versions.add(lead(id, 2, owner, "CONVERTED", created, closed, closed, false));
        } else if (outcome == 2) {
            versions.add(lead(id, 2, owner, "DISQUALIFIED", created, null, closed, false));
            disqualifiedAt.put(id, closed);
        }
        if (random.nextInt(6) == 0) {
            LeadSnapshot last = versions.get(versions.size() - 1);
            versions.add(lead(id, last.version() + 1, owner, last.status(), created, last.convertedAt(), now, true));
        }
        for (LeadSnapshot s : versions) {
            send(TOPICS.leads(), id, CloudEventCodec.encode(new LeadChanged(UUID.randomUUID(), id, s.version(), Operation.UPDATED, "tester",
                    s.updatedAt(), s), "/pulse/api"));
        }
        send(TOPICS.leads(), id, CloudEventCodec.encode(new LeadChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", created,
                versions.get(0)), "/pulse/api")); // stale redelivery
        leads.put(id, versions.get(versions.size() - 1));
    }

    private static LeadSnapshot lead(UUID id, long version, UUID owner, String status, Instant created, Instant convertedAt, Instant updated,
                                     boolean deleted) {
        return new LeadSnapshot(id, "WEB", null, "Acme", "Ann", null, null, null, status, null, convertedAt, null, null, null, owner, created,
                updated, deleted, version);
    }

    private void activityHistory(Random random, Instant now) {
        UUID id = UUID.randomUUID();
        UUID owner = random.nextInt(5) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
        Instant created = now.minus(Duration.ofHours(1 + random.nextInt(24 * 120)));
        ActivitySnapshot v1 = new ActivitySnapshot(id, "CALL", "Call", null, null, null, null, null, null, owner, created, created, false, 1);
        ActivitySnapshot last = random.nextInt(4) == 0 ? v1 : new ActivitySnapshot(id, "CALL", "Call", null, null, null, null, null,
                between(random, created, now), owner, created, now, random.nextInt(6) == 0, 2);
        for (ActivitySnapshot s : last == v1 ? List.of(v1) : List.of(v1, last)) {
            send(TOPICS.activities(), id, CloudEventCodec.encode(new ActivityChanged(UUID.randomUUID(), id, s.version(), Operation.UPDATED,
                    "tester", now, s), "/pulse/api"));
        }
        activities.put(id, last);
    }

    private void account(Random random, Instant now) {
        UUID id = UUID.randomUUID();
        UUID owner = random.nextInt(5) == 0 ? null : OWNERS.get(random.nextInt(OWNERS.size()));
        AccountSnapshot s = new AccountSnapshot(id, "Acme", "Software", "East", List.of("A", "B", "C", "D").get(random.nextInt(4)),
                List.of("CUSTOMER", "CUSTOMER", "PARTNER").get(random.nextInt(3)), null, owner, List.of(),
                random.nextInt(4) == 0 ? "INACTIVE" : "ACTIVE", now.minus(Duration.ofHours(1 + random.nextInt(24 * 60))), now,
                random.nextInt(8) == 0, 1);
        send(TOPICS.accounts(), id, CloudEventCodec.encode(new AccountChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", now, s),
                "/pulse/api"));
        accounts.put(id, s);
    }

    private void target(String scopeType, UUID scopeId, String periodType, String period, String metric, String value) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now();
        TargetSnapshot s = new TargetSnapshot(id, scopeType, scopeId, periodType, period, metric, new BigDecimal(value), now, now, false, 1);
        send(TOPICS.targets(), id, CloudEventCodec.encode(new TargetChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", now, s),
                "/pulse/api"));
        targets.put(id, s);
    }

    private static void team(UUID id, UUID parent, Instant now) {
        TeamSnapshot s = new TeamSnapshot(id, "Team " + id, parent, null, now, now, false, 1);
        send(TeamsTopic.NAME, id, CloudEventCodec.encode(new TeamChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", now, s), "/pulse/api"));
    }

    private static void user(UUID id, UUID team, Instant now) {
        UserSnapshot s = new UserSnapshot(id, "user-" + id, "User " + id, id + "@example.com", null, "en", "Asia/Shanghai", List.of("REP"), team,
                true, now, now, false, 1);
        send(TeamsTopic.USERS, id, CloudEventCodec.encode(new UserChanged(UUID.randomUUID(), id, 1, Operation.CREATED, "tester", now, s), "/pulse/api"));
    }

    /** The organisation topics, which the scopes task of pulse-streams reads. */
    private static final class TeamsTopic {
        static final String NAME = Topics.TEAMS.qualified(NS.topicPrefix());
        static final String USERS = Topics.USERS.qualified(NS.topicPrefix());
    }

    private static Instant between(Random random, Instant from, Instant to) {
        long seconds = Duration.between(from, to).toSeconds();
        return from.plusSeconds(seconds <= 0 ? 0 : (long) (random.nextDouble() * seconds));
    }

    private static void send(String topic, UUID key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZONE);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP);
    }

    /** Numbers by value (ClickHouse 18.16 keeps a decimal's scale, a Long may come as a number), text as text. */
    private static Map<String, Object> normalized(Map<String, Object> row) {
        Map<String, Object> n = new LinkedHashMap<>();
        row.forEach((k, v) -> n.put(k, v instanceof Number num ? new BigDecimal(num.toString()).stripTrailingZeros().toPlainString() : v));
        return n;
    }
}
