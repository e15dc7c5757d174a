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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
 * Each built-in scheduled type that reads the api's tables, on a small known dataset there (migrated by the api's
 * own Flyway scripts; the types on olap's facts have their own tests on ClickHouse): the firing at a fixed instant finds exactly the expected records within the data scope,
 * alerts once per (rule, recipient, subject, period), digests into one alert, and records its provenance. Digests,
 * re-runs, switched-off channels, Chinese and routing are also shown with {@code STALLED_DEALS}, whose deals are
 * written as ClickHouse facts too (its own tests: {@code StalledDealsIntegrationTests}).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BuiltInTypesIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(BuiltInTypesIntegrationTests.class);
    /** 09:00 in Shanghai on 15 June 2027: every firing below evaluates as of this instant. */
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
    UUID sam;
    UUID outsider;
    UUID sales;
    UUID salesNorth;

    @BeforeAll
    void dataset() {
        clickHouse.migrate();
        crm = new CrmData(jdbc);
        facts = new Facts(clickHouse);
        SalesOrg org = SalesOrg.create(crm, facts);
        sales = org.sales();
        manager = org.manager();
        rita = org.rita();
        salesNorth = org.salesNorth();
        sam = org.sam();
        outsider = org.otto();

        // accounts: dormant unless an activity was completed in the 90 days before AT
        UUID old = crm.account("A Old Call", rita);
        crm.activity("call", old, rita, null, AT.minus(Duration.ofDays(100)));
        crm.activity("planned, never done", old, rita, AT.minus(Duration.ofDays(1)), null);
        UUID recent = crm.account("B Recent", rita);
        crm.activity("call", recent, rita, null, AT.minus(Duration.ofDays(10)));
        crm.account("C Never", rita);
        UUID shared = crm.account("D Shared By Sam", sam);
        crm.shareAccount(shared, rita);
        crm.account("E Sams Own", sam);
        crm.account("F Outsider", outsider);
        crm.deleteAccount(crm.account("G Deleted", rita));
        UUID later = crm.account("H Completed After AT", rita);
        crm.activity("call", later, rita, null, AT.plus(Duration.ofDays(1)));

        // contacts' birthdays around 15 June
        UUID acme = crm.account("Contacts Inc", outsider);
        crm.contact("June First", acme, rita, LocalDate.of(1980, 6, 1));
        crm.contact("June Fifteenth", acme, rita, LocalDate.of(1990, 6, 15));
        crm.contact("June Twenty-Second", acme, rita, LocalDate.of(1985, 6, 22));
        crm.contact("June Twenty-Third", acme, rita, LocalDate.of(1985, 6, 23));
        crm.contact("July First", acme, rita, LocalDate.of(1970, 7, 1));
        crm.contact("Outsider June", acme, outsider, LocalDate.of(1970, 6, 10));

        // activities and tasks around AT
        crm.activity("Call in five hours", recent, rita, AT.plus(Duration.ofHours(5)), null);
        crm.activity("Call in thirty hours", recent, rita, AT.plus(Duration.ofHours(30)), null);
        crm.activity("Overdue call", recent, rita, AT.minus(Duration.ofHours(2)), null);
        crm.activity("Done already", recent, rita, AT.plus(Duration.ofHours(1)), AT.minus(Duration.ofHours(1)));
        crm.task("Send quote", rita, AT.plus(Duration.ofHours(10)), "OPEN");
        crm.task("Finished task", rita, AT.plus(Duration.ofHours(1)), "DONE");
        crm.task("Outsider task", outsider, AT.plus(Duration.ofHours(1)), "OPEN");

        // deals and the day they entered their stage, in the api and as facts
        deal("Stuck forty days", rita, "QUALIFICATION", AT.minus(Duration.ofDays(100)), AT.minus(Duration.ofDays(40)));
        deal("Moved ten days ago", rita, "PROPOSAL", AT.minus(Duration.ofDays(100)), AT.minus(Duration.ofDays(10)));
        deal("Created 45 days ago", rita, "PROSPECTING", AT.minus(Duration.ofDays(45)), null);
        UUID won = crm.closedDeal("Won long ago", rita, "CLOSED_WON", "1000", AT.minus(Duration.ofDays(90)));
        facts.closedDeal(won, rita, "CLOSED_WON", "1000", AT.minus(Duration.ofDays(90)), false);
        deal("Sams stuck deal", sam, "NEGOTIATION", AT.minus(Duration.ofDays(60)), AT.minus(Duration.ofDays(50)));
        deal("Outsider stuck", outsider, "QUALIFICATION", AT.minus(Duration.ofDays(60)), null);
    }

    @Test
    void dormantCustomersAreTheRepsOwnAndSharedAccountsWithoutACompletedActivityInNinetyDays() {
        UUID rule = rule(rita, """
                {"name":"Dormant","type":"DORMANT_CUSTOMERS","schedule":{"kind":"daily","at":"09:00"}}""");

        fire(rule, rita);

        assertThat(titles(rule, rita)).containsExactly(
                "Dormant: A Old Call — last completed activity 2027-03-07",
                "Dormant: C Never — no completed activity yet",
                "Dormant: D Shared By Sam — no completed activity yet",
                "Dormant: H Completed After AT — no completed activity yet");
    }

    @Test
    void aManagersRuleSeesTheTeamSubtreeAndTheirRuleForARepOnlyWhatTheRepMaySee() {
        UUID forMe = rule(manager, """
                {"name":"Team dormant","type":"DORMANT_CUSTOMERS","parameters":{"days":30},
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        UUID forRita = rule(manager, """
                {"name":"Rita dormant","type":"DORMANT_CUSTOMERS","parameters":{"days":30},"recipients":["%s"],
                 "schedule":{"kind":"daily","at":"09:00"}}""".formatted(rita));

        fire(forMe, manager);
        fire(forRita, rita);

        assertThat(titles(forMe, manager)).extracting(t -> t.substring("Team dormant: ".length(), t.indexOf(" —")))
                .containsExactly("A Old Call", "C Never", "D Shared By Sam", "E Sams Own", "H Completed After AT");
        assertThat(titles(forRita, rita)).extracting(t -> t.substring("Rita dormant: ".length(), t.indexOf(" —")))
                .containsExactly("A Old Call", "C Never", "D Shared By Sam", "H Completed After AT");
    }

    @Test
    void birthdaysThisMonthAndInTheNextSevenDays() {
        UUID month = rule(rita, """
                {"name":"June","type":"BIRTHDAYS","schedule":{"kind":"monthly","day":1,"at":"09:00"}}""");
        UUID week = rule(rita, """
                {"name":"Week","type":"BIRTHDAYS","parameters":{"window":"NEXT_DAYS","days":7},
                 "schedule":{"kind":"daily","at":"09:00"}}""");

        fire(month, rita);
        fire(week, rita);

        assertThat(titles(month, rita)).containsExactly("June: June First — birthday 2027-06-01",
                "June: June Fifteenth — birthday 2027-06-15", "June: June Twenty-Second — birthday 2027-06-22",
                "June: June Twenty-Third — birthday 2027-06-23");
        assertThat(titles(week, rita)).containsExactly("Week: June Fifteenth — birthday 2027-06-15",
                "Week: June Twenty-Second — birthday 2027-06-22");
    }

    @Test
    void activitiesAndTasksDueInTheNextHoursAndOverdueOnes() {
        UUID withOverdue = rule(rita, """
                {"name":"Due","type":"DUE_SOON","parameters":{"hours":24},"schedule":{"kind":"daily","at":"09:00"}}""");
        UUID upcomingOnly = rule(rita, """
                {"name":"Next","type":"DUE_SOON","parameters":{"hours":24,"overdue":false},"schedule":{"kind":"daily","at":"09:00"}}""");

        fire(withOverdue, rita);
        fire(upcomingOnly, rita);

        assertThat(titles(withOverdue, rita)).containsExactly("Due: planned, never done — overdue since 2027-06-14 09:00",
                "Due: Overdue call — overdue since 2027-06-15 07:00",
                "Due: Call in five hours — due 2027-06-15 14:00", "Due: Send quote — due 2027-06-15 19:00");
        assertThat(titles(upcomingOnly, rita)).containsExactly("Next: Call in five hours — due 2027-06-15 14:00",
                "Next: Send quote — due 2027-06-15 19:00");
    }

    @Test
    void aDigestIsOneAlertListingEveryMatchAndARerunOfThePeriodAlertsNobodyTwice() {
        UUID rule = rule(rita, """
                {"name":"Digest","type":"DORMANT_CUSTOMERS","digest":true,"schedule":{"kind":"daily","at":"09:00"}}""");
        UUID single = rule(rita, """
                {"name":"Each","type":"STALLED_DEALS","schedule":{"kind":"daily","at":"09:00"}}""");

        fire(rule, rita);
        fire(rule, rita);
        fire(single, rita);
        fire(single, rita);

        assertThat(titles(rule, rita)).containsExactly("Digest: 4 matches");
        assertThat(jdbc.sql("SELECT variables->>'body' FROM deliveries WHERE rule = ?").param(rule.toString()).query(String.class).single())
                .isEqualTo("""
                        A Old Call — last completed activity 2027-03-07
                        C Never — no completed activity yet
                        D Shared By Sam — no completed activity yet
                        H Completed After AT — no completed activity yet""");
        assertThat(titles(single, rita)).hasSize(2);
        // provenance: both runs recorded with their query; each alert points at the run that made it
        assertThat(jdbc.sql("SELECT count(*) FROM rule_firings WHERE rule_id = ? AND matches = 4 AND query LIKE '%public.accounts%'")
                .param(rule).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT sum(alerts) FROM rule_firings WHERE rule_id = ?").param(single).query(Long.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM rule_alerts ra JOIN deliveries d ON d.id = ra.alert_id JOIN rule_firings f ON f.id = ra.firing_id
                        WHERE f.rule_id = ? AND f.period = ? AND d.source_query = f.query""").params(single, java.sql.Timestamp.from(AT))
                .query(Long.class).single()).isEqualTo(2);
        // the next period alerts again
        firings.fire(new Firing(single, rita.toString(), AT.plus(Duration.ofDays(1)), AT.plus(Duration.ofDays(1))));
        assertThat(titles(single, rita)).hasSize(4);
    }

    @Test
    void channelsTheRecipientSwitchedOffForTheTypeSendNothing() {
        String token = TestTokens.token(sam.toString(), List.of("REP"), null, "Asia/Shanghai");
        assertThat(new ApiCalls(port).put(token, "/notifier/v1/preferences",
                "{\"channels\":{\"STALLED_DEALS\":[\"EMAIL\"]}}", null).status()).isEqualTo(200);
        UUID rule = rule(sam, """
                {"name":"Off","type":"STALLED_DEALS","schedule":{"kind":"daily","at":"09:00"}}""");

        fire(rule, sam);

        assertThat(titles(rule, sam)).isEmpty();
        assertThat(jdbc.sql("SELECT matches FROM rule_firings WHERE rule_id = ?").param(rule).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aRecipientWhoReadsChineseGetsTheAlertsInChinese() {
        // given a rep whose locale in the api is zh-CN, with one account never worked and one deal stuck
        UUID wei = crm.user("Wei", null, "REP", "Asia/Shanghai", "zh-CN");
        crm.account("华东电力", wei);
        deal("变电站改造", wei, "PROPOSAL", AT.minus(Duration.ofDays(70)), AT.minus(Duration.ofDays(35)));
        UUID dormant = rule(wei, """
                {"name":"沉睡客户","type":"DORMANT_CUSTOMERS","digest":true,"schedule":{"kind":"daily","at":"09:00"}}""");
        UUID stalled = rule(wei, """
                {"name":"停滞商机","type":"STALLED_DEALS","schedule":{"kind":"daily","at":"09:00"}}""");

        fire(dormant, wei);
        fire(stalled, wei);

        assertThat(titles(dormant, wei)).containsExactly("沉睡客户：1 条");
        assertThat(titles(stalled, wei)).containsExactly("停滞商机：变电站改造 — 停留在 PROPOSAL 已 35 天");
    }

    @Test
    void eachAlertGoesOnTheFirstOfTheRulesChannelsThatReachesTheRecipientAndInAppReachesTheInbox() {
        // given Rita's preferences name an email address (no phone); Mia has no phone either
        String ritaToken = TestTokens.token(rita.toString(), List.of("REP"), null, "Asia/Shanghai");
        assertThat(new ApiCalls(port).put(ritaToken, "/notifier/v1/preferences",
                "{\"email\":\"rita@example.com\",\"locale\":\"en\"}", null).status()).isEqualTo(200);
        UUID ritas = rule(rita, """
                {"name":"Routed","type":"STALLED_DEALS","channels":["SMS","EMAIL","IN_APP"],
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        UUID mias = rule(manager, """
                {"name":"Routed","type":"STALLED_DEALS","channels":["SMS","IN_APP"],"schedule":{"kind":"daily","at":"09:00"}}""");

        fire(ritas, rita);
        fire(mias, manager);

        // then Rita's go by email, once each; Mia's in-app, and the dispatcher puts them in her inbox
        assertThat(jdbc.sql("SELECT DISTINCT channel || ' ' || address || ' ' || locale FROM deliveries WHERE rule = ?")
                .param(ritas.toString()).query(String.class).list()).containsExactly("EMAIL rita@example.com en");
        assertThat(titles(ritas, rita)).hasSize(2);
        assertThat(jdbc.sql("SELECT DISTINCT channel FROM deliveries WHERE rule = ?").param(mias.toString()).query(String.class).list())
                .containsExactly("IN_APP");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT title FROM alerts WHERE user_id = ? AND title LIKE 'Routed:%'").param(manager.toString()).query(String.class).list())
                        .containsExactlyInAnyOrder("Routed: Created 45 days ago — in PROSPECTING for 45 days",
                                "Routed: Stuck forty days — in QUALIFICATION for 40 days",
                                "Routed: Sams stuck deal — in NEGOTIATION for 50 days"));
    }

    private void deal(String name, UUID owner, String stage, Instant created, Instant entered) {
        UUID id = crm.deal(name, owner, stage, created, entered, null);
        facts.dealInStage(id, owner, stage, "1000", created, entered, false);
    }

    private UUID rule(UUID owner, String body) {
        String role = owner.equals(manager) ? "MANAGER" : "REP";
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
