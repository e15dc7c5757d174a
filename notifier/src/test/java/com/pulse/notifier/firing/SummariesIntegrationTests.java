package com.pulse.notifier.firing;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code PERIODIC_SUMMARY} on a known dataset of ClickHouse facts (written as streams writes them; names in the api's
 * tables), read through olap's catalogue and compiler: each report's figures (METRICS.md revenueWon and activities in the
 * company's calendar, Asia/Shanghai, month, week and year edges at Shanghai midnight), olap's data scope (a rep their own,
 * a manager the team subtree, an executive everything), one alert per firing even with nothing to count, no second alert
 * when the period is run again, and the compiled SQL with its values as the firing's provenance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SummariesIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(SummariesIntegrationTests.class);
    /** Wednesday 16 June 2027, 09:00 in Shanghai: last month is May 2027, this week 14–20 June, last year 2026. */
    static final Instant AT = Instant.parse("2027-06-16T01:00:00Z");

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    FiringHandler firings;

    @Autowired
    ClickHouseGateway clickHouse;

    CrmData crm;
    Facts facts;
    UUID sales;
    UUID mia;
    UUID rita;
    UUID eve;
    UUID newbie;
    UUID wei;
    UUID support;

    @BeforeAll
    void dataset() {
        clickHouse.migrate();
        crm = new CrmData(jdbc);
        facts = new Facts(clickHouse);
        sales = crm.team("Sales", null);
        UUID north = crm.team("North", sales);
        support = crm.team("Support", null);
        mia = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(mia, sales);
        rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        UUID nick = crm.user("Nick", north, "REP", "Asia/Shanghai");
        UUID otto = crm.user("Otto", support, "REP", "Asia/Shanghai");
        eve = crm.user("Eve", null, "EXECUTIVE", "Asia/Shanghai");
        newbie = crm.user("Newbie", sales, "REP", "Asia/Shanghai");
        wei = crm.user("Wei", north, "MANAGER", "Asia/Shanghai", "zh-CN");
        crm.manages(wei, north);
        facts.owner(rita, sales, sales.toString()).owner(nick, north, sales + "/" + north)
                .owner(otto, support, support.toString());

        // May 2027 in Shanghai
        closed("Acme big", rita, "CLOSED_WON", "600000.00", "2027-05-20T02:00:00Z");
        closed("Acme small", rita, "CLOSED_WON", "150000.50", "2027-04-30T16:30:00Z"); // 1 May 00:30
        closed("April deal", rita, "CLOSED_WON", "99000.00", "2027-04-30T15:30:00Z"); // 30 April 23:30
        closed("North deal", nick, "CLOSED_WON", "200000.00", "2027-05-10T02:00:00Z");
        closed("Otto deal", otto, "CLOSED_WON", "300000.00", "2027-05-11T02:00:00Z");
        closed("Lost in May", rita, "CLOSED_LOST", "500000.00", "2027-05-12T02:00:00Z");
        UUID deleted = closed("Deleted win", rita, "CLOSED_WON", "1000000.00", "2027-05-13T02:00:00Z");
        crm.deleteDeal(deleted);
        facts.closedDeal(deleted, rita, "CLOSED_WON", "1000000.00", Instant.parse("2027-05-13T02:00:00Z"), true);
        // 2026 in Shanghai
        closed("Rita 2026", rita, "CLOSED_WON", "100000.00", "2026-03-01T02:00:00Z");
        closed("Nick new year's eve", nick, "CLOSED_WON", "250000.00", "2026-12-31T15:59:59Z");
        closed("Nick 2027", nick, "CLOSED_WON", "1.00", "2026-12-31T16:00:00Z"); // 1 Jan 2027 00:00
        closed("Otto 2026", otto, "CLOSED_WON", "50000.00", "2026-06-01T02:00:00Z");

        // the week of 14 June 2027 in Shanghai
        activity("CALL", rita, null, "2027-06-14T02:00:00Z");
        activity("VISIT", rita, null, "2027-06-15T03:00:00Z");
        activity("CALL", rita, null, "2027-06-13T15:00:00Z"); // Sunday 23:00, the week before
        activity("MEETING", rita, "2027-06-18T02:00:00Z", null);
        activity("CALL", rita, "2027-06-10T02:00:00Z", null); // overdue
        activity("EMAIL", rita, null, "2027-06-17T02:00:00Z"); // after the firing's instant
        activity("MEETING", rita, "2027-06-20T15:59:59Z", null); // Sunday 23:59:59, still this week
        activity("MEETING", rita, "2027-06-20T16:00:00Z", null); // Monday 00:00, next week
        activity("VISIT", otto, null, "2027-06-15T03:00:00Z"); // not Rita's
        facts.activity("CALL", rita, null, Instant.parse("2027-06-15T04:00:00Z"), true); // deleted
    }

    @Test
    void wonLastMonthIsTheManagersTeamsRevenueWonInMayWithItsLargestDeals() {
        UUID rule = rule(mia, "MANAGER", "Monthly", "WON_LAST_MONTH");

        fire(rule, mia);

        assertThat(alerts(rule, mia)).containsExactly(Map.of(
                "title", "Monthly: Won in 2027-05: 3 deals, 950,000.50 CNY",
                "body", """
                        Won in 2027-05: 3 deals, 950,000.50 CNY
                        Acme big — 600,000.00 CNY
                        North deal — 200,000.00 CNY
                        Acme small — 150,000.50 CNY"""));
        assertThat(provenance(rule)).contains("FROM opportunities FINAL").contains("has(splitByChar('/', team_path), ?)");
        assertThat(bound(rule)).contains("TEAMS:" + sales + "+OWNER:" + mia).contains("CLOSED_WON");
    }

    @Test
    void aManagerOfATeamTheyAreNotAMemberOfSummarisesThatTeamNotTheirOwn() {
        // Ola sits in Sales (Mia's team) and manages Support (Otto's)
        UUID ola = crm.user("Ola", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(ola, support);
        UUID rule = rule(ola, "MANAGER", "Support monthly", "WON_LAST_MONTH");

        fire(rule, ola);

        assertThat(alerts(rule, ola)).extracting(a -> a.get("title"))
                .containsExactly("Support monthly: Won in 2027-05: 1 deal, 300,000.00 CNY");
        assertThat(bound(rule)).contains("TEAMS:" + support + "+OWNER:" + ola);
    }

    @Test
    void aRepsSummaryCountsOnlyTheirOwnAndIsSentEvenWithNothingToCountAndOncePerPeriod() {
        UUID ritas = rule(rita, "REP", "Monthly", "WON_LAST_MONTH");
        UUID newbies = rule(newbie, "REP", "Monthly", "WON_LAST_MONTH");

        fire(ritas, rita);
        fire(ritas, rita);
        fire(newbies, newbie);

        assertThat(alerts(ritas, rita)).extracting(a -> a.get("title"))
                .containsExactly("Monthly: Won in 2027-05: 2 deals, 750,000.50 CNY");
        assertThat(alerts(newbies, newbie)).extracting(a -> a.get("body")).containsExactly("Won in 2027-05: 0 deals, 0.00 CNY");
        assertThat(bound(ritas)).contains("OWNER:" + rita);
        assertThat(provenance(ritas)).contains("toString(owner_id) = ?");
    }

    @Test
    void aMonthOfMoreThanFiveWinsListsTheFiveLargestAndCountsTheRest() {
        UUID bulkTeam = crm.team("Bulk", null);
        UUID bulk = crm.user("Bulk", bulkTeam, "REP", "Asia/Shanghai");
        facts.owner(bulk, bulkTeam, bulkTeam.toString());
        for (int i = 1; i <= 7; i++) {
            closed("Bulk " + i, bulk, "CLOSED_WON", i + "000.00", "2027-05-0" + i + "T02:00:00Z");
        }
        UUID rule = rule(bulk, "REP", "Monthly", "WON_LAST_MONTH");

        fire(rule, bulk);

        assertThat(alerts(rule, bulk)).extracting(a -> a.get("body")).containsExactly("""
                Won in 2027-05: 7 deals, 28,000.00 CNY
                Bulk 7 — 7,000.00 CNY
                Bulk 6 — 6,000.00 CNY
                Bulk 5 — 5,000.00 CNY
                Bulk 4 — 4,000.00 CNY
                Bulk 3 — 3,000.00 CNY
                … and 2 more""");
    }

    @Test
    void thisWeeksActivitiesByTypeInTheCompanysWeek() {
        UUID rule = rule(rita, "REP", "Weekly", "ACTIVITIES_THIS_WEEK");

        fire(rule, rita);

        assertThat(alerts(rule, rita)).extracting(a -> a.get("body")).containsExactly("""
                Week 2027-06-14 to 2027-06-20: 2 activities completed, 2 open and due this week, 1 overdue
                CALL: 1 completed, 0 open, 1 overdue
                MEETING: 0 completed, 2 open, 0 overdue
                VISIT: 1 completed, 0 open, 0 overdue""");
    }

    @Test
    void lastYearsSalesByTeamForAnExecutiveAndInChineseForTheNorthManager() {
        UUID eves = rule(eve, "EXECUTIVE", "Yearly", "SALES_BY_TEAM_LAST_YEAR");
        UUID weis = rule(wei, "MANAGER", "年度", "SALES_BY_TEAM_LAST_YEAR");

        fire(eves, eve);
        fire(weis, wei);

        assertThat(alerts(eves, eve)).extracting(a -> a.get("body")).containsExactly("""
                Won in 2026: 3 deals, 400,000.00 CNY
                North — 250,000.00 CNY (1 deal)
                Sales — 100,000.00 CNY (1 deal)
                Support — 50,000.00 CNY (1 deal)""");
        assertThat(alerts(weis, wei)).extracting(a -> a.get("body")).containsExactly("""
                2026 年赢单：1 笔，250,000.00 CNY
                North — 250,000.00 CNY（1 笔）""");
    }

    @Test
    void theReportIsRequiredAndMustBeKnown() {
        ApiCalls api = new ApiCalls(port);
        Response missing = api.post(token(rita, "REP"), "/notifier/v1/rules",
                "{\"name\":\"x\",\"type\":\"PERIODIC_SUMMARY\",\"schedule\":{\"kind\":\"monthly\",\"day\":1,\"at\":\"09:00\"}}");
        Response unknown = api.post(token(rita, "REP"), "/notifier/v1/rules", """
                {"name":"x","type":"PERIODIC_SUMMARY","parameters":{"report":"COLLECTIONS"},
                 "schedule":{"kind":"monthly","day":1,"at":"09:00"}}""");

        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemField()).isEqualTo("parameters.report");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().toString()).contains("WON_LAST_MONTH");
    }

    private UUID closed(String name, UUID owner, String stage, String amountBase, String closed) {
        UUID id = crm.closedDeal(name, owner, stage, amountBase, Instant.parse(closed));
        facts.closedDeal(id, owner, stage, amountBase, Instant.parse(closed), false);
        return id;
    }

    private void activity(String type, UUID owner, String due, String completed) {
        facts.activity(type, owner, due == null ? null : Instant.parse(due), completed == null ? null : Instant.parse(completed), false);
    }

    private UUID rule(UUID owner, String role, String name, String report) {
        Response created = new ApiCalls(port).post(token(owner, role), "/notifier/v1/rules", """
                {"name":"%s","type":"PERIODIC_SUMMARY","parameters":{"report":"%s"},
                 "schedule":{"kind":"monthly","day":1,"at":"09:00"}}""".formatted(name, report));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static String token(UUID user, String role) {
        return TestTokens.token(user.toString(), List.of(role), null, "Asia/Shanghai");
    }

    private void fire(UUID rule, UUID recipient) {
        firings.fire(new Firing(rule, recipient.toString(), AT, AT));
    }

    private String provenance(UUID rule) {
        return jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ? ORDER BY fired_at LIMIT 1").param(rule)
                .query(String.class).single();
    }

    private String bound(UUID rule) {
        return jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ? ORDER BY fired_at LIMIT 1")
                .param(rule).query(String.class).single();
    }

    private List<Map<String, String>> alerts(UUID rule, UUID recipient) {
        return jdbc.sql("SELECT variables->>'title' AS title, variables->>'body' AS body FROM deliveries "
                        + "WHERE rule = ? AND recipient_user_id = ? ORDER BY created_at")
                .params(rule.toString(), recipient.toString())
                .query((row, n) -> Map.of("title", row.getString("title"), "body", row.getString("body"))).list();
    }
}
