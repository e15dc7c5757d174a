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
 * {@code TARGET_AT_RISK} on ClickHouse facts (targets and opportunities as streams writes them; names and target ids
 * in the api's tables), read through olap's catalogue and compiler: METRICS.md attainment of WON_AMOUNT targets in the
 * company's calendar periods (the quarter's edge at Shanghai midnight), counted up to the firing's instant, with olap's
 * data scope (a rep their own targets, a manager the team subtree's, a manager's rule for a rep only the rep's).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TargetAtRiskIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TargetAtRiskIntegrationTests.class);
    /** 09:00 in Shanghai on 15 June 2027: 82 % of Q2 has gone, 47 % of June, 45 % of 2027. */
    static final Instant AT = Instant.parse("2027-06-15T01:00:00Z");

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
    UUID manager;
    UUID rita;
    UUID sales;
    UUID support;

    @BeforeAll
    void dataset() {
        clickHouse.migrate();
        crm = new CrmData(jdbc);
        facts = new Facts(clickHouse);
        SalesOrg org = SalesOrg.create(crm, facts);
        sales = org.sales();
        manager = org.manager();
        rita = org.rita();
        UUID salesNorth = org.salesNorth();
        UUID sam = org.sam();
        support = org.support();
        UUID otto = org.otto();

        // won revenue around the second quarter of 2027 (Shanghai, UTC+8)
        won("Rita long ago", rita, "CLOSED_WON", "1000", "2027-03-17T02:00:00Z");
        won("Rita April", rita, "CLOSED_WON", "40000", "2027-04-10T02:00:00Z");
        won("Rita yesterday", rita, "CLOSED_WON", "20000", "2027-06-14T02:00:00Z");
        won("Rita 1 April 00:30", rita, "CLOSED_WON", "10000", "2027-03-31T16:30:00Z");
        won("Rita 31 March 23:30", rita, "CLOSED_WON", "5000", "2027-03-31T15:30:00Z");
        UUID deleted = crm.closedDeal("Rita deleted", rita, "CLOSED_WON", "30000", Instant.parse("2027-05-10T02:00:00Z"));
        crm.deleteDeal(deleted);
        facts.closedDeal(deleted, rita, "CLOSED_WON", "30000", Instant.parse("2027-05-10T02:00:00Z"), true);
        won("Rita lost", rita, "CLOSED_LOST", "40000", "2027-05-10T02:00:00Z");
        won("Rita after the firing", rita, "CLOSED_WON", "50000", "2027-06-20T02:00:00Z");
        won("Sam May", sam, "CLOSED_WON", "45000", "2027-05-05T02:00:00Z");
        won("Otto May", otto, "CLOSED_WON", "1000", "2027-05-05T02:00:00Z");

        // targets: Rita 70,000 of 100,000 in Q2 (70 %), 20,000 of 200,000 in June, 76,000 of 1,000,000 in 2027
        UUID gone = target("USER", rita, "2027-Q2", "WON_AMOUNT", "999999");
        crm.deleteTarget(gone);
        facts.target(gone, "USER", rita, "2027-Q2", "WON_AMOUNT", "999999", true);
        target("USER", rita, "2027-Q2", "WON_AMOUNT", "100000");
        target("USER", rita, "2027-06", "WON_AMOUNT", "200000");
        target("USER", rita, "2027", "WON_AMOUNT", "1000000");
        target("USER", rita, "2027-Q2", "COLLECTED_AMOUNT", "1000000");
        target("USER", rita, "2027-Q1", "WON_AMOUNT", "1000000");
        target("USER", sam, "2027-Q2", "WON_AMOUNT", "50000");
        target("USER", manager, "2027-Q2", "WON_AMOUNT", "0");
        // Sales (with Sales North below it): 70,000 + 45,000 of 150,000; Sales North 45,000 of 40,000
        target("TEAM", sales, "2027-Q2", "WON_AMOUNT", "150000");
        target("TEAM", salesNorth, "2027-Q2", "WON_AMOUNT", "40000");
        target("TEAM", support, "2027-Q2", "WON_AMOUNT", "10000");
        target("USER", otto, "2027-Q2", "WON_AMOUNT", "100000");
    }

    @Test
    void targetsAtRiskAreThoseBelowEightyPercentWithHalfTheirPeriodGone() {
        UUID defaults = rule(rita, "REP", """
                {"name":"At risk","type":"TARGET_AT_RISK","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");
        UUID early = rule(rita, "REP", """
                {"name":"Early","type":"TARGET_AT_RISK","parameters":{"periodElapsedPct":40},
                 "schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");
        UUID strict = rule(rita, "REP", """
                {"name":"Strict","type":"TARGET_AT_RISK","parameters":{"attainmentBelowPct":70},
                 "schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");

        fire(defaults, rita);
        fire(early, rita);
        fire(strict, rita);

        // a deal won at 00:30 on 1 April in Shanghai counts for Q2, one at 23:30 on 31 March does not; deleted, lost
        // and later deals never
        assertThat(titles(defaults, rita)).containsExactly(
                "At risk: Rita — 2027-Q2: 70,000.00 of 100,000.00 CNY won (70.0 %), 82 % of the period gone");
        assertThat(titles(early, rita)).containsExactlyInAnyOrder(
                "Early: Rita — 2027: 76,000.00 of 1,000,000.00 CNY won (7.6 %), 45 % of the period gone",
                "Early: Rita — 2027-Q2: 70,000.00 of 100,000.00 CNY won (70.0 %), 82 % of the period gone",
                "Early: Rita — 2027-06: 20,000.00 of 200,000.00 CNY won (10.0 %), 47 % of the period gone");
        assertThat(titles(strict, rita)).as("70.0 % is not below 70 %").isEmpty();
        assertThat(jdbc.sql("SELECT matches FROM rule_firings WHERE rule_id = ?").param(defaults).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ?").param(defaults).query(String.class).single())
                .contains("FROM targets FINAL").contains("FROM opportunities FINAL").contains("closed_at <= toDateTime(?, 'UTC')");
        assertThat(jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ?").param(defaults)
                .query(String.class).single()).contains("OWNER:" + rita).contains("WON_AMOUNT").contains("2027-Q2");
        assertThat(jdbc.sql("SELECT variables->>'link' FROM deliveries WHERE rule = ?")
                .param(defaults.toString()).query(String.class).single()).startsWith("/api/v1/targets/");
    }

    @Test
    void aManagerSeesTheTeamsTargetsAndTheirRuleForARepOnlyTheRepsOwn() {
        UUID forMe = rule(manager, "MANAGER", """
                {"name":"At risk","type":"TARGET_AT_RISK","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");
        UUID forRita = rule(manager, "MANAGER", """
                {"name":"Rita at risk","type":"TARGET_AT_RISK","recipients":["%s"],
                 "schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""".formatted(rita));

        fire(forMe, manager);
        fire(forRita, rita);

        // Sam (90 %), Sales North (112.5 %) and Mia's target of 0 are not at risk; Support and Otto are not Mia's
        assertThat(titles(forMe, manager)).containsExactlyInAnyOrder(
                "At risk: Rita — 2027-Q2: 70,000.00 of 100,000.00 CNY won (70.0 %), 82 % of the period gone",
                "At risk: Team Sales — 2027-Q2: 115,000.00 of 150,000.00 CNY won (76.7 %), 82 % of the period gone");
        assertThat(titles(forRita, rita)).containsExactly(
                "Rita at risk: Rita — 2027-Q2: 70,000.00 of 100,000.00 CNY won (70.0 %), 82 % of the period gone");
    }

    @Test
    void aManagerOfATeamTheyAreNotAMemberOfSeesThatTeamsTargetsNotTheirOwnTeams() {
        // Una sits in Sales (Mia's team) and manages Support (Otto's)
        UUID una = crm.user("Una", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(una, support);
        UUID rule = rule(una, "MANAGER", """
                {"name":"Support at risk","type":"TARGET_AT_RISK","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");

        fire(rule, una);

        assertThat(titles(rule, una)).containsExactlyInAnyOrder(
                "Support at risk: Otto — 2027-Q2: 1,000.00 of 100,000.00 CNY won (1.0 %), 82 % of the period gone",
                "Support at risk: Team Support — 2027-Q2: 1,000.00 of 10,000.00 CNY won (10.0 %), 82 % of the period gone");
    }

    @Test
    void aTargetAtRiskReadsInChinese() {
        UUID li = crm.user("李娜", null, "REP", "Asia/Shanghai", "zh-CN");
        target("USER", li, "2027-Q2", "WON_AMOUNT", "10000");
        UUID rule = rule(li, "REP", """
                {"name":"目标风险","type":"TARGET_AT_RISK","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");

        fire(rule, li);

        assertThat(titles(rule, li)).containsExactly("目标风险：李娜 — 2027-Q2：已赢单 0.00 / 目标 10,000.00 CNY（0.0%），期间已过 82%");
    }

    private void won(String name, UUID owner, String stage, String amountBase, String closed) {
        UUID id = crm.closedDeal(name, owner, stage, amountBase, Instant.parse(closed));
        facts.closedDeal(id, owner, stage, amountBase, Instant.parse(closed), false);
    }

    private UUID target(String scopeType, UUID scopeId, String period, String metric, String value) {
        UUID id = crm.target(scopeType, scopeId, period, metric, value);
        facts.target(id, scopeType, scopeId, period, metric, value, false);
        return id;
    }

    private UUID rule(UUID owner, String role, String body) {
        Response created = new ApiCalls(port).post(TestTokens.token(owner.toString(), List.of(role), null, "Asia/Shanghai"),
                "/notifier/v1/rules", body);
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private void fire(UUID rule, UUID recipient) {
        firings.fire(new Firing(rule, recipient.toString(), AT, AT));
    }

    private List<String> titles(UUID rule, UUID recipient) {
        return jdbc.sql("SELECT variables->>'title' FROM deliveries WHERE rule = ? AND recipient_user_id = ?"
                        + " ORDER BY created_at, variables->>'title'")
                .params(rule.toString(), recipient.toString()).query(String.class).list();
    }
}
