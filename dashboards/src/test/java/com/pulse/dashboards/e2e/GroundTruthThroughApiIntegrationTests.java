package com.pulse.dashboards.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.clickhouse.ClickHouseSettings;
import com.pulse.events.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * METRICS.md ground truth through the whole stack (issue 4): a sales organisation's year written through the api's HTTP
 * endpoints by 16 client threads — at least 10,000 opportunities and 50,000 changes after their creation (moves
 * forward and back, wins, losses, reopening, deletes, restores, amount, currency, date, probability and category
 * changes), leads, activities, accounts, targets, two reps changing team — then records of {@code crm.opportunities.v1}
 * delivered again, duplicated and out of order. Once streams has caught up, every figure streams keeps in ClickHouse
 * (snapshot funnel, forecast over the horizon with targets, KPIs per period) equals {@link PostgresGroundTruth}, SQL
 * over the api's tables, for the company, three teams (one a department with sub-teams) and three reps.
 */
class GroundTruthThroughApiIntegrationTests extends LiveStackSupport {

    /** The stack runs with the default company time zone (METRICS.md, {@code pulse.company.time-zone}). */
    private static final ZoneId COMPANY_ZONE = ZoneId.of("Asia/Shanghai");
    /**
     * The size. {@code -Dpulse.groundtruth.opportunities=N} runs a smaller company (leads, activities and the
     * changes scale with it) to try a change of the recomputation quickly; the test and CI run the full size.
     */
    private static final int OPPORTUNITIES = Integer.getInteger("pulse.groundtruth.opportunities", 10_000);
    private static final int CHANGES = OPPORTUNITIES * 5;
    private static final int CLIENT_THREADS = 16;
    private static final long SEED = 20261128L;
    /** Streams on a loaded two-core machine: a few hundred to a thousand changes a second behind the api. */
    private static final Duration CATCH_UP = Duration.ofMinutes(8);

    @Test
    void everyMetricInClickHouseEqualsItsSqlRecomputationOverTheApisTables() throws Exception {
        // an administrator of its own: the organisation, users and targets need one; the usernames are this run's, as
        // a rerun of this test on the same stack must not find them taken
        String run = UUID.randomUUID().toString().substring(0, 8);
        String password = "gt-" + UUID.randomUUID();
        stack().signIn(stack().url("api")).createUser("gt.admin." + run, List.of("ADMIN"), password);
        ApiCalls api = ApiCalls.signIn(stack().url("api"), "gt.admin." + run, password);
        LocalDate today = LocalDate.now(COMPANY_ZONE);
        CrmWorkload workload = new CrmWorkload(api, SEED, COMPANY_ZONE, today);

        // given a sales organisation and its year, written through the api
        long started = System.nanoTime();
        workload.organisation(password, run);
        workload.accounts(60);
        workload.targets();
        workload.opportunities(OPPORTUNITIES, CLIENT_THREADS);
        workload.leads(Math.max(40, OPPORTUNITIES / 25), CLIENT_THREADS);
        workload.activities(Math.max(60, OPPORTUNITIES * 3 / 50), CLIENT_THREADS);
        workload.moveReps();
        double generation = seconds(started);
        System.out.printf("ground truth through the api: %,d writes in %.1f s (%,.0f/s): %,d opportunities, %,d changes %s,"
                        + " %,d leads, %,d activities, %d targets, moves %s%n", api.writes.get(), generation,
                api.writes.get() / generation, workload.opportunities.get(), workload.changeCount(),
                new TreeMap<>(workload.changes), workload.leads.get(), workload.activities.get(), workload.targets.get(),
                workload.moves);
        assertThat(workload.opportunities.get()).isGreaterThanOrEqualTo(OPPORTUNITIES);
        assertThat(workload.changeCount()).isGreaterThanOrEqualTo(CHANGES);
        assertThat(workload.changes).containsKeys("stage", "won", "lost", "reopen", "delete", "restore", "amount",
                "expectedCloseDate", "probability", "forecastCategory");

        // when records already published are delivered again: duplicated, older versions after newer ones
        String topic = Topics.OPPORTUNITIES.qualified(stack().namespace.topicPrefix());
        awaitOutboxDrained();
        Redeliveries redelivered = Redeliveries.inject(stack().namespace.kafkaBootstrap(), topic, 6, SEED);
        System.out.printf("ground truth through the api: %,d records of %s delivered again (%,d opportunities' versions"
                + " shuffled, some twice) after %,d published%n", redelivered.injected, topic, redelivered.aggregates, redelivered.read);
        assertThat(redelivered.injected).isGreaterThan(OPPORTUNITIES / 10);

        // then, once streams has caught up, every figure in ClickHouse equals the SQL recomputation over Postgres
        List<GroundTruthScope> scopes = scopes(workload);
        try (PostgresGroundTruth truth = new PostgresGroundTruth(stack().namespace.pgJdbcUrl(), COMPANY_ZONE, scopes);
             ClickHouseGateway clickHouse = new ClickHouseGateway(new ClickHouseSettings(stack().namespace.clickhouseUrl(),
                     stack().namespace.clickhouseDatabase(), null, null))) {
            ClickHouseFigures streamed = new ClickHouseFigures(clickHouse, scopes);
            Figures[] compared = new Figures[1];
            await("every figure in ClickHouse equals its recomputation from Postgres").atMost(CATCH_UP)
                    .pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
                        LocalDate day = LocalDate.now(COMPANY_ZONE);
                        Figures expected = truth.recompute(day);
                        List<String> differences = Figures.differences(expected, streamed.read(day));
                        assertThat(differences).withFailMessage(() -> differences.size() + " of " + expected.size()
                                + " figures differ (scope | cell | figure: expected, ClickHouse):\n  "
                                + String.join("\n  ", differences.subList(0, Math.min(60, differences.size()))))
                                .isEmpty();
                        compared[0] = expected;
                    });
            double endToEnd = seconds(started);
            long changes = workload.opportunities.get() + workload.changeCount();
            System.out.printf("ground truth through the api: %,d figures of %d scopes equal; everything in ClickHouse"
                            + " %.1f s after the first write (%.1f s after the last): %,.0f opportunity changes/s end to end%n",
                    compared[0].size(), scopes.size(), endToEnd, endToEnd - generation, changes / endToEnd);

            // and the figures compared are not trivially empty: money won, ratios defined, targets met and missed
            Map<String, String> figures = compared[0].values;
            assertThat(figures.get("company | KPI YTD | revenueWon")).isNotEqualTo("0");
            assertThat(figures.get("company | KPI MTD | winRate90d")).isNotEqualTo(Figures.ABSENT);
            assertThat(figures.get("company | KPI YTD | activities")).isNotEqualTo(figures.get("company | KPI TODAY | activities"));
            assertThat(figures.entrySet()).as("coverages defined")
                    .anyMatch(e -> e.getKey().endsWith("| coverage") && !e.getValue().equals(Figures.ABSENT));
            assertThat(figures.entrySet()).as("team targets")
                    .anyMatch(e -> e.getKey().startsWith("TEAM") && e.getKey().endsWith("| target") && !e.getValue().equals(Figures.ABSENT));
            // and one opportunity_versions row per version the api wrote: the redeliveries collapsed
            assertThat(clickHouse.query("SELECT count() AS c FROM opportunity_versions FINAL").get(0).get("c").toString())
                    .isEqualTo(Long.toString(versionsWritten()));
        }
    }

    /** The company; North (a department: North-A and North-B), North-B and South-A, which the moved reps joined; three reps. */
    private static List<GroundTruthScope> scopes(CrmWorkload workload) {
        return List.of(GroundTruthScope.COMPANY,
                team(workload, "North"), team(workload, "North-B"), team(workload, "South-A"),
                rep(workload, "gt.rep0"), rep(workload, "gt.rep1"), rep(workload, "gt.rep3"));
    }

    private static GroundTruthScope team(CrmWorkload workload, String name) {
        return new GroundTruthScope("TEAM", workload.teams.get(name).toString(), name);
    }

    private static GroundTruthScope rep(CrmWorkload workload, String username) {
        return new GroundTruthScope("OWNER", workload.reps.get(username).toString(), username);
    }

    /** The outbox relay has published every change (the redeliveries are of records already on the topic). */
    private void awaitOutboxDrained() {
        await("the outbox relay published every change").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(1))
                .until(() -> scalar("SELECT count(*) FROM outbox WHERE published_at IS NULL") == 0);
    }

    /** Versions are numbered 1, 2, … per opportunity, so the api wrote Σ version of them. */
    private long versionsWritten() throws Exception {
        return scalar("SELECT coalesce(sum(version), 0) FROM opportunities");
    }

    private long scalar(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(stack().namespace.pgJdbcUrl());
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
