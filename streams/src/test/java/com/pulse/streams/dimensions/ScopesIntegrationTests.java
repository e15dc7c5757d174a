package com.pulse.streams.dimensions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.CloudEventCodec;
import com.pulse.events.DomainEvent;
import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import com.pulse.events.TargetChanged;
import com.pulse.events.TargetSnapshot;
import com.pulse.events.TeamChanged;
import com.pulse.events.TeamSnapshot;
import com.pulse.events.UserChanged;
import com.pulse.events.UserSnapshot;
import com.pulse.streams.PulseStreamsApplication;
import com.pulse.streams.TopicNames;
import com.pulse.streams.system.StreamsClock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The scopes task on the shared devstack: users, teams (with a move, a re-parenting, duplicates and stale versions),
 * targets and opportunities produced as the API would; then ClickHouse {@code forecast_cells}, the TEAM rows of
 * {@code funnel_snapshot} and {@code forecast_snapshots} must equal METRICS.md recomputed here from the latest version
 * of every produced entity. The service's wall clock starts on 30 September 2026 and is moved to 1 October (the freeze)
 * and to 1 November (October's error) in the company zone, Asia/Shanghai.
 */
@SpringBootTest(classes = PulseStreamsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ScopesIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ScopesIntegrationTests.class);
    static final TopicNames TOPICS = TopicNames.of(NS.topicPrefix());
    static final Pipeline PIPELINE = Pipeline.DEFAULT;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final YearMonth SEP = YearMonth.of(2026, 9);
    static final YearMonth OCT = YearMonth.of(2026, 10);
    static final YearMonth NOV = YearMonth.of(2026, 11);

    static final UUID SALES = UUID.randomUUID();
    static final UUID EAST = UUID.randomUUID();
    static final UUID WEST = UUID.randomUUID();
    static final UUID OPS = UUID.randomUUID();
    static final UUID ALICE = UUID.randomUUID();
    static final UUID BOB = UUID.randomUUID();
    static final UUID CAROL = UUID.randomUUID();
    static final UUID DAVE = UUID.randomUUID();
    static final List<UUID> OWNERS = Arrays.asList(ALICE, BOB, CAROL, DAVE, null);

    static KafkaProducer<String, byte[]> producer;
    static ClickHouseGateway clickHouse;
    static final Map<UUID, OpportunitySnapshot> deals = new LinkedHashMap<>();
    static final Map<UUID, UUID> userTeam = new HashMap<>();
    static final Map<UUID, TeamSnapshot> teams = new HashMap<>();
    static final Map<UUID, TargetSnapshot> targets = new HashMap<>();

    @Autowired
    StreamsClock clock;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry registry) {
        NS.springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("pulse.streams.wall-clock-tick", () -> "200ms");
        // 30 September 2026, 23:00 in Shanghai: in the past, as Kafka refuses record timestamps from the future
        registry.add("pulse.streams.wall-clock-start", () -> "2026-09-30T15:00:00Z");
    }

    @BeforeAll
    static void produce() throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(TOPICS.opportunities(), 3, (short) 1), new NewTopic(TOPICS.users(), 3, (short) 1),
                    new NewTopic(TOPICS.teams(), 3, (short) 1), new NewTopic(TOPICS.targets(), 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, NS.kafkaBootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(p);
        clickHouse = new ClickHouseGateway(new ClickHouseSettings(NS.clickhouseUrl(), NS.clickhouseDatabase(), "default", ""));

        // the tree: SALES → EAST, WEST; OPS. EAST starts under OPS and moves; a stale version of it arrives late.
        team(SALES, 1, null, false);
        team(WEST, 1, SALES, false);
        team(OPS, 1, null, false);
        TeamChanged eastFirst = team(EAST, 1, OPS, false);
        team(EAST, 2, SALES, false);
        send(TOPICS.teams(), eastFirst);
        // ALICE starts in WEST and moves to EAST; DAVE has no team
        UserChanged aliceFirst = user(ALICE, 1, WEST);
        user(BOB, 1, WEST);
        user(CAROL, 1, OPS);
        user(DAVE, 1, null);

        // WON_AMOUNT targets of every period kind, one changed, one deleted, one of another metric
        target(UUID.randomUUID(), 1, "TEAM", SALES, "YEAR", "2026", "WON_AMOUNT", "120000.00", false);
        target(UUID.randomUUID(), 1, "TEAM", EAST, "QUARTER", "2026-Q4", "WON_AMOUNT", "30000.00", false);
        target(UUID.randomUUID(), 1, "TEAM", EAST, "MONTH", "2026-10", "WON_AMOUNT", "12000.00", false);
        target(UUID.randomUUID(), 1, "USER", ALICE, "MONTH", "2026-10", "WON_AMOUNT", "5000.00", false);
        UUID ops = UUID.randomUUID();
        target(ops, 1, "TEAM", OPS, "MONTH", "2026-10", "WON_AMOUNT", "7000.00", false);
        target(ops, 2, "TEAM", OPS, "MONTH", "2026-10", "WON_AMOUNT", "8000.00", false);
        UUID bob = UUID.randomUUID();
        target(bob, 1, "USER", BOB, "MONTH", "2026-10", "WON_AMOUNT", "900.00", false);
        target(bob, 2, "USER", BOB, "MONTH", "2026-10", "WON_AMOUNT", "900.00", true);
        target(UUID.randomUUID(), 1, "USER", CAROL, "MONTH", "2026-10", "NEW_LEADS", "40", false);

        // deals: open ones expected in September (overdue once October is current), October and November;
        // won ones closed in September and October (Shanghai); lost and deleted ones; duplicates and stale versions
        Random random = new Random(7);
        List<PipelineStage> stages = PIPELINE.stages();
        for (int i = 0; i < 36; i++) {
            UUID owner = OWNERS.get(i % OWNERS.size());
            PipelineStage stage = stages.get(random.nextInt(stages.size()));
            LocalDate expected = List.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 15), LocalDate.of(2026, 11, 5)).get(i % 3);
            Instant closedAt = stage.isOpen() ? null : i % 2 == 0 ? Instant.parse("2026-09-30T17:00:00Z") : Instant.parse("2026-09-10T02:00:00Z");
            OpportunitySnapshot v1 = new OpportunitySnapshot(UUID.randomUUID(), null, owner, "Deal " + i, "PROSPECTING",
                    BigDecimal.valueOf(1000 + random.nextInt(90_000), 2), "CNY", BigDecimal.valueOf(1000 + random.nextInt(90_000), 2), 10,
                    "PIPELINE", expected, null, Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2026-08-01T00:00:00Z"), false, 1);
            OpportunityChanged first = opportunity(v1, Operation.CREATED);
            OpportunitySnapshot v2 = new OpportunitySnapshot(v1.id(), null, owner, v1.name(), stage.name(), v1.amount(), "CNY", v1.amountBase(),
                    stage.probability(), i % 9 == 4 && stage.isOpen() ? "OMITTED" : stage.defaultForecastCategory(), expected, closedAt,
                    v1.createdAt(), Instant.parse("2026-08-02T00:00:00Z"), i % 11 == 5, 2);
            OpportunityChanged second = opportunity(v2, i % 11 == 5 ? Operation.DELETED : Operation.UPDATED);
            if (i % 6 == 1) {
                send(TOPICS.opportunities(), second);   // a redelivery
                send(TOPICS.opportunities(), first);    // a stale version after the newer one
            }
        }
        // ALICE's move comes after her deals: it must take them along; then her stale first version arrives again
        user(ALICE, 2, EAST);
        send(TOPICS.users(), aliceFirst);
        producer.flush();
    }

    @AfterAll
    static void stop() {
        producer.close();
        clickHouse.close();
    }

    @Test
    void forecastCellsTeamFunnelAndSnapshotsEqualTheRecomputationAcrossTheFreezeAndTheMonthsEnd() {
        // given: everything produced is processed (the service's clock reads 30 September)
        YearMonth today = SEP;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseCells()).isEqualTo(expectedCells(today)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseTeamFunnel()).isEqualTo(expectedTeamFunnel()));
        assertThat(expectedTeamFunnel().keySet()).anyMatch(k -> k.contains(EAST.toString())).anyMatch(k -> k.contains(SALES.toString()));

        // when: 1 October 2026, 00:00:01 in Shanghai
        clock.set(Instant.parse("2026-09-30T16:00:01Z"));

        // then: September's open deals count in October, and October is frozen as it stands
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseCells()).isEqualTo(expectedCells(OCT)));
        Map<String, List<Object>> frozen = expectedFrozen(OCT);
        assertThat(frozen).containsKeys("COMPANY:company:2026-10", "TEAM:" + EAST + ":2026-10", "OWNER:" + ALICE + ":2026-10");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseSnapshots(false)).isEqualTo(frozen));

        // when: 1 November 2026
        clock.set(Instant.parse("2026-10-31T16:00:01Z"));

        // then: October ended: its actual closedWon and error = (projected − actual) / actual
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseSnapshots(true)).isEqualTo(expectedEnded(frozen)));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(clickHouseCells()).isEqualTo(expectedCells(NOV)));
        System.out.printf("forecast cells compared: %d, frozen: %d%n", expectedCells(NOV).size(), frozen.size());
    }

    // --- the recomputation: METRICS.md from the latest versions -----------------------------------------

    /** The owner's teams, own team first; a deleted or unknown team ends the chain. */
    static List<String> path(UUID owner) {
        List<String> path = new ArrayList<>();
        UUID team = owner == null ? null : userTeam.get(owner);
        while (team != null && teams.containsKey(team) && !teams.get(team).deleted() && !path.contains(team.toString())) {
            path.add(team.toString());
            team = teams.get(team).parentId();
        }
        return path;
    }

    static List<String> scopes(UUID owner) {
        List<String> scopes = new ArrayList<>(List.of("COMPANY:company"));
        if (owner != null) {
            scopes.add("OWNER:" + owner);
            path(owner).forEach(t -> scopes.add("TEAM:" + t));
        }
        return scopes;
    }

    /** scope → month → [won, pipeline, weighted, commitOpen, bestCaseOpen, openCount], each deal in its own month. */
    static Map<String, Map<YearMonth, BigDecimal[]>> raw() {
        Map<String, Map<YearMonth, BigDecimal[]>> raw = new HashMap<>();
        for (OpportunitySnapshot s : deals.values()) {
            PipelineStage stage = PIPELINE.stage(s.stage()).orElseThrow();
            BigDecimal z = BigDecimal.ZERO;
            BigDecimal[] add;
            YearMonth month;
            if (s.deleted()) {
                continue;
            } else if (stage.kind() == StageKind.WON) {
                month = YearMonth.from(s.closedAt().atZone(ZONE));
                add = new BigDecimal[] {s.amountBase(), z, z, z, z, z};
            } else if (stage.isOpen() && !"OMITTED".equals(s.forecastCategory())) {
                month = YearMonth.from(s.expectedCloseDate());
                add = new BigDecimal[] {z, s.amountBase(), s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2),
                        "COMMIT".equals(s.forecastCategory()) ? s.amountBase() : z, "BEST_CASE".equals(s.forecastCategory()) ? s.amountBase() : z,
                        BigDecimal.ONE};
            } else {
                continue;
            }
            for (String scope : scopes(s.ownerId())) {
                BigDecimal[] cell = raw.computeIfAbsent(scope, k -> new HashMap<>()).computeIfAbsent(month, k -> new BigDecimal[] {z, z, z, z, z, z});
                for (int i = 0; i < 6; i++) {
                    cell[i] = cell[i].add(add[i]);
                }
            }
        }
        return raw;
    }

    static BigDecimal targetOf(String scopeType, String scopeId, YearMonth month) {
        if (scopeType.equals("COMPANY")) {
            BigDecimal total = null;
            for (TeamSnapshot t : teams.values()) {
                if (t.parentId() == null && !t.deleted()) {
                    BigDecimal v = targetOf("TEAM", t.id().toString(), month);
                    total = v == null ? total : total == null ? v : total.add(v);
                }
            }
            return total;
        }
        String kind = scopeType.equals("OWNER") ? "USER" : "TEAM";
        String quarter = month.getYear() + "-Q" + ((month.getMonthValue() - 1) / 3 + 1);
        for (String[] period : List.of(new String[] {"MONTH", month.toString(), "1"}, new String[] {"QUARTER", quarter, "3"},
                new String[] {"YEAR", Integer.toString(month.getYear()), "12"})) {
            BigDecimal sum = null;
            for (TargetSnapshot t : targets.values()) {
                if (!t.deleted() && t.metric().equals("WON_AMOUNT") && t.scopeType().equals(kind) && t.scopeId().toString().equals(scopeId)
                        && t.periodType().equals(period[0]) && t.period().equals(period[1])) {
                    sum = sum == null ? t.value() : sum.add(t.value());
                }
            }
            if (sum != null) {
                return period[2].equals("1") ? sum : sum.divide(new BigDecimal(period[2]), 2, RoundingMode.HALF_UP);
            }
        }
        return null;
    }

    /**
     * "scopeType:scopeId:YYYY-MM" → [closedWon, pipeline, weighted, commit, bestCase, projected, target, attainment, gap,
     * coverage, overdueCount] as ClickHouse holds them when {@code current} is the current month; cells with nothing in
     * them (all zero, no target) are left out, on both sides.
     */
    static Map<String, List<Object>> expectedCells(YearMonth current) {
        Map<String, Map<YearMonth, BigDecimal[]>> raw = raw();
        Set<String> keys = new LinkedHashSet<>();
        raw.forEach((scope, months) -> months.forEach((m, c) -> {
            keys.add(scope + ":" + m);
            if (m.isBefore(current) && c[5].signum() != 0) {
                keys.add(scope + ":" + current);
            }
        }));
        for (TargetSnapshot t : targets.values()) {
            String scope = (t.scopeType().equals("USER") ? "OWNER:" : "TEAM:") + t.scopeId();
            for (YearMonth m : months(t)) {
                keys.add(scope + ":" + m);
                keys.add("COMPANY:company:" + m);
            }
        }
        Map<String, List<Object>> expected = new HashMap<>();
        for (String key : keys) {
            List<Object> cell = present(raw, key, current);
            if (nonTrivial(cell)) {
                expected.put(key, cell);
            }
        }
        return expected;
    }

    static List<Object> present(Map<String, Map<YearMonth, BigDecimal[]>> raw, String key, YearMonth current) {
        int last = key.lastIndexOf(':');
        String scope = key.substring(0, last);
        YearMonth month = YearMonth.parse(key.substring(last + 1));
        Map<YearMonth, BigDecimal[]> months = raw.getOrDefault(scope, Map.of());
        BigDecimal z = BigDecimal.ZERO;
        BigDecimal[] own = months.getOrDefault(month, new BigDecimal[] {z, z, z, z, z, z});
        BigDecimal[] c = own.clone();
        long overdue = 0;
        if (month.isBefore(current)) {
            c = new BigDecimal[] {own[0], z, z, z, z, z};
        } else if (month.equals(current)) {
            for (Map.Entry<YearMonth, BigDecimal[]> e : months.entrySet()) {
                if (e.getKey().isBefore(current)) {
                    for (int i = 1; i < 5; i++) {
                        c[i] = c[i].add(e.getValue()[i]);
                    }
                    overdue += e.getValue()[5].longValue();
                }
            }
        }
        String[] scopeParts = scope.split(":", 2);
        BigDecimal target = targetOf(scopeParts[0], scopeParts[1], month);
        BigDecimal commit = c[0].add(c[3]);
        BigDecimal gap = target == null ? null : target.subtract(c[0]).max(z);
        return Arrays.asList(cents(c[0]), cents(c[1]), cents(c[2]), cents(commit), cents(commit.add(c[4])), cents(c[0].add(c[2])),
                target == null ? null : cents(target),
                target == null || target.signum() == 0 ? null : c[0].divide(target, 4, RoundingMode.HALF_UP).stripTrailingZeros(),
                gap == null ? null : cents(gap),
                gap == null || gap.signum() == 0 ? null : c[1].divide(gap, 4, RoundingMode.HALF_UP).stripTrailingZeros(), overdue);
    }

    static Map<String, List<Object>> expectedFrozen(YearMonth month) {
        Map<String, List<Object>> frozen = new HashMap<>();
        expectedCells(month).forEach((key, cell) -> {
            if (key.endsWith(":" + month)) {
                frozen.put(key, new ArrayList<>(cell.subList(0, 7)));
            }
        });
        return frozen;
    }

    static Map<String, List<Object>> expectedEnded(Map<String, List<Object>> frozen) {
        Map<String, Map<YearMonth, BigDecimal[]>> raw = raw();
        Map<String, List<Object>> ended = new HashMap<>();
        frozen.forEach((key, cell) -> {
            int last = key.lastIndexOf(':');
            BigDecimal[] c = raw.getOrDefault(key.substring(0, last), Map.of()).get(YearMonth.parse(key.substring(last + 1)));
            BigDecimal actual = c == null ? BigDecimal.ZERO : c[0];
            List<Object> row = new ArrayList<>(cell);
            row.add(cents(actual));
            // the stream divides the exact frozen projected (closedWon + weighted, overdue deals included), not the cents
            BigDecimal projected = exactProjected(raw, key, YearMonth.parse(key.substring(last + 1)));
            row.add(actual.signum() == 0 ? null : projected.subtract(actual).divide(actual, 4, RoundingMode.HALF_UP).stripTrailingZeros());
            ended.put(key, row);
        });
        return ended;
    }

    /** closedWon + weighted of the current month, overdue deals' weighted included, unrounded. */
    static BigDecimal exactProjected(Map<String, Map<YearMonth, BigDecimal[]>> raw, String key, YearMonth current) {
        Map<YearMonth, BigDecimal[]> months = raw.getOrDefault(key.substring(0, key.lastIndexOf(':')), Map.of());
        BigDecimal projected = BigDecimal.ZERO;
        for (Map.Entry<YearMonth, BigDecimal[]> e : months.entrySet()) {
            if (e.getKey().equals(current)) {
                projected = projected.add(e.getValue()[0]).add(e.getValue()[2]);
            } else if (e.getKey().isBefore(current)) {
                projected = projected.add(e.getValue()[2]);
            }
        }
        return projected;
    }

    /** "TEAM:id:STAGE" → [count, Σ amountBase, Σ weighted] (cents) over open, not deleted deals of the team's owners. */
    static Map<String, List<Object>> expectedTeamFunnel() {
        Map<String, BigDecimal[]> sums = new HashMap<>();
        for (OpportunitySnapshot s : deals.values()) {
            if (s.deleted() || !PIPELINE.isOpen(s.stage())) {
                continue;
            }
            for (String team : path(s.ownerId())) {
                BigDecimal[] c = sums.computeIfAbsent("TEAM:" + team + ":" + s.stage(), k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                c[0] = c[0].add(BigDecimal.ONE);
                c[1] = c[1].add(s.amountBase());
                c[2] = c[2].add(s.amountBase().multiply(BigDecimal.valueOf(s.probability())).movePointLeft(2));
            }
        }
        Map<String, List<Object>> expected = new HashMap<>();
        sums.forEach((k, c) -> expected.put(k, List.of(c[0].longValue(), cents(c[1]), cents(c[2]))));
        return expected;
    }

    static boolean nonTrivial(List<Object> cell) {
        return cell.stream().anyMatch(v -> v instanceof BigDecimal d ? d.signum() != 0 : v instanceof Long l ? l != 0 : v != null)
                || cell.get(6) != null;
    }

    static List<YearMonth> months(TargetSnapshot t) {
        if (t.deleted() || !t.metric().equals("WON_AMOUNT")) {
            return List.of();
        }
        return switch (t.periodType()) {
            case "MONTH" -> List.of(YearMonth.parse(t.period()));
            case "QUARTER" -> {
                int year = Integer.parseInt(t.period().substring(0, 4));
                int q = Integer.parseInt(t.period().substring(6));
                yield List.of(YearMonth.of(year, q * 3 - 2), YearMonth.of(year, q * 3 - 1), YearMonth.of(year, q * 3));
            }
            default -> {
                List<YearMonth> all = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    all.add(YearMonth.of(Integer.parseInt(t.period()), m));
                }
                yield all;
            }
        };
    }

    static BigDecimal cents(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    // --- what ClickHouse holds ---------------------------------------------------------------------------

    static Map<String, List<Object>> clickHouseCells() {
        Map<String, List<Object>> seen = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query("""
                SELECT scope_type, scope_id, toString(month) AS first_day, closed_won, pipeline, weighted, commit, best_case, projected,
                       target, attainment, gap, coverage, overdue_count
                FROM forecast_cells FINAL""")) {
            List<Object> cell = Arrays.asList(d(row, "closed_won"), d(row, "pipeline"), d(row, "weighted"), d(row, "commit"),
                    d(row, "best_case"), d(row, "projected"), d(row, "target"), d(row, "attainment"), d(row, "gap"), d(row, "coverage"),
                    ((Number) row.get("overdue_count")).longValue());
            if (nonTrivial(cell)) {
                seen.put(row.get("scope_type") + ":" + row.get("scope_id") + ":" + ((String) row.get("first_day")).substring(0, 7), cell);
            }
        }
        return seen;
    }

    static Map<String, List<Object>> clickHouseSnapshots(boolean ended) {
        Map<String, List<Object>> seen = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query("""
                SELECT scope_type, scope_id, toString(month) AS first_day, closed_won, pipeline, weighted, commit, best_case, projected,
                       target, actual_closed_won, error, isNull(ended_at) AS running
                FROM forecast_snapshots FINAL""")) {
            List<Object> cell = new ArrayList<>(Arrays.asList(d(row, "closed_won"), d(row, "pipeline"), d(row, "weighted"), d(row, "commit"),
                    d(row, "best_case"), d(row, "projected"), d(row, "target")));
            if (ended) {
                cell.add(d(row, "actual_closed_won"));
                cell.add(d(row, "error"));
            }
            if (nonTrivial(cell) && (((Number) row.get("running")).intValue() == 0) == ended) {
                seen.put(row.get("scope_type") + ":" + row.get("scope_id") + ":" + ((String) row.get("first_day")).substring(0, 7), cell);
            }
        }
        return seen;
    }

    static Map<String, List<Object>> clickHouseTeamFunnel() {
        Map<String, List<Object>> seen = new HashMap<>();
        for (Map<String, Object> row : clickHouse.query(
                "SELECT scope_id, stage, count, amount, weighted FROM funnel_snapshot FINAL WHERE scope_type = ? AND count != 0", "TEAM")) {
            seen.put("TEAM:" + row.get("scope_id") + ":" + row.get("stage"),
                    List.of(((Number) row.get("count")).longValue(), d(row, "amount"), d(row, "weighted")));
        }
        return seen;
    }

    static BigDecimal d(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : ((BigDecimal) v).stripTrailingZeros();
    }

    // --- producing, as the API publishes ----------------------------------------------------------------

    static TeamChanged team(UUID id, long version, UUID parent, boolean deleted) throws Exception {
        Instant at = Instant.now();
        TeamSnapshot s = new TeamSnapshot(id, "Team " + id, parent, null, at, at, deleted, version);
        TeamChanged e = new TeamChanged(UUID.randomUUID(), id, version, version == 1 ? Operation.CREATED : Operation.UPDATED, "tester", at, s);
        send(TOPICS.teams(), e);
        if (!teams.containsKey(id) || teams.get(id).version() < version) {
            teams.put(id, s);
        }
        return e;
    }

    static UserChanged user(UUID id, long version, UUID team) throws Exception {
        Instant at = Instant.now();
        UserSnapshot s = new UserSnapshot(id, "u" + id, "User", id + "@example.com", null, "en", "Asia/Shanghai", List.of("REP"), team, true,
                at, at, false, version);
        UserChanged e = new UserChanged(UUID.randomUUID(), id, version, version == 1 ? Operation.CREATED : Operation.UPDATED, "tester", at, s);
        send(TOPICS.users(), e);
        userTeam.put(id, team);
        return e;
    }

    static void target(UUID id, long version, String scopeType, UUID scopeId, String periodType, String period, String metric, String value,
                       boolean deleted) throws Exception {
        Instant at = Instant.now();
        TargetSnapshot s = new TargetSnapshot(id, scopeType, scopeId, periodType, period, metric, new BigDecimal(value), at, at, deleted, version);
        send(TOPICS.targets(), new TargetChanged(UUID.randomUUID(), id, version, deleted ? Operation.DELETED : Operation.UPDATED, "tester", at, s));
        targets.put(id, s);
    }

    static OpportunityChanged opportunity(OpportunitySnapshot s, Operation operation) throws Exception {
        OpportunityChanged e = new OpportunityChanged(UUID.randomUUID(), s.id(), s.version(), operation, "tester", s.updatedAt(), s);
        send(TOPICS.opportunities(), e);
        deals.put(s.id(), s);
        return e;
    }

    static void send(String topic, DomainEvent e) throws Exception {
        producer.send(new ProducerRecord<>(topic, e.aggregateId().toString(), CloudEventCodec.encode(e, "/pulse/api"))).get();
    }
}
