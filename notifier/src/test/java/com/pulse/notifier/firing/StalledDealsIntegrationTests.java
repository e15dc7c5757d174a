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
import com.pulse.notifier.builtin.OlapQueries;
import com.pulse.notifier.schedule.Firing;
import com.pulse.notifier.schedule.FiringHandler;
import com.pulse.olap.query.DataScope;
import java.time.Duration;
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
 * {@code STALLED_DEALS} on ClickHouse facts (opportunities and their stage transitions as streams writes them; names in
 * the api's tables), read through olap's {@code openDeals} cube and drill-through compiler with olap's data scope: a
 * deal in its stage for 31 days is stalled at 30 days and one for 29 is not, a deal moved away and back counts from
 * its last move, won, lost and deleted deals never, a rep their own deals, a manager the subtrees of the teams they
 * manage (member of them or not), a manager's rule for a rep only the rep's; the compiled SQL and data scope as
 * provenance.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StalledDealsIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(StalledDealsIntegrationTests.class);
    /** 09:00 in Shanghai on 15 June 2027. */
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

    @Autowired
    OlapQueries olap;

    CrmData crm;
    Facts facts;
    SalesOrg org;
    UUID manager;
    UUID rita;
    UUID sales;
    UUID backAndForth;

    @BeforeAll
    void dataset() {
        clickHouse.migrate();
        crm = new CrmData(jdbc);
        facts = new Facts(clickHouse);
        org = SalesOrg.create(crm, facts);
        sales = org.sales();
        manager = org.manager();
        rita = org.rita();
        UUID sam = org.sam();
        UUID otto = org.otto();

        deal("Thirty-one days", rita, "PROPOSAL", days(100), days(31));
        deal("Twenty-nine days", rita, "PROPOSAL", days(100), days(29));
        deal("Created 40 days ago", rita, "PROSPECTING", days(40), null);
        // created in QUALIFICATION 120 days ago, NEGOTIATION 90 days ago, back 45 days ago: stalled for 45 days, not 120
        backAndForth = deal("Back and forth", rita, "QUALIFICATION", days(120), null);
        facts.transition(backAndForth, 2, "QUALIFICATION", "NEGOTIATION", days(90), "1000", rita);
        facts.transition(backAndForth, 3, "NEGOTIATION", "QUALIFICATION", days(45), "1000", rita);
        // created in PROSPECTING 100 days ago, away in QUALIFICATION, back 20 days ago: not stalled
        UUID returned = deal("Returned lately", rita, "PROSPECTING", days(100), null);
        facts.transition(returned, 2, "PROSPECTING", "QUALIFICATION", days(80), "1000", rita);
        facts.transition(returned, 3, "QUALIFICATION", "PROSPECTING", days(20), "1000", rita);
        closed("Won long ago", rita, "CLOSED_WON");
        closed("Lost long ago", rita, "CLOSED_LOST");
        UUID deleted = crm.deal("Deleted stuck", rita, "QUALIFICATION", days(100), days(60), null);
        crm.deleteDeal(deleted);
        facts.dealInStage(deleted, rita, "QUALIFICATION", "1000", days(100), days(60), true);
        deal("Sams stuck deal", sam, "NEGOTIATION", days(60), days(50));
        deal("Ottos stuck deal", otto, "QUALIFICATION", days(60), days(35));
    }

    @Test
    void aRepsOpenDealsInTheirStageLongerThanThirtyDays() {
        UUID rule = rule(rita, "REP", """
                {"name":"Stalled","type":"STALLED_DEALS","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");

        fire(rule, rita);

        // 31 days stalled, 29 not; a deal counts from its last move; won, lost, deleted and others' deals never
        assertThat(titles(rule, rita)).containsExactlyInAnyOrder(
                "Stalled: Back and forth — in QUALIFICATION for 45 days",
                "Stalled: Created 40 days ago — in PROSPECTING for 40 days",
                "Stalled: Thirty-one days — in PROPOSAL for 31 days");
        assertThat(jdbc.sql("SELECT variables->>'link' FROM deliveries WHERE rule = ? AND variables->>'title' LIKE '%Back and forth%'")
                .param(rule.toString()).query(String.class).single()).isEqualTo("/api/v1/opportunities/" + backAndForth);
        // provenance: olap's compiled drill-through over the facts, the data scope and the rule's bound
        assertThat(jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ?").param(rule).query(String.class).single())
                .contains("FROM stage_transitions FINAL").contains("FROM opportunities FINAL WHERE deleted = 0")
                .contains("toString(owner_id) = ?").contains("entered_at < toDateTime(?, 'UTC')");
        assertThat(jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ?").param(rule)
                .query(String.class).single()).contains("OWNER:" + rita).contains("2027-05-16T01:00:00Z");
        assertThat(jdbc.sql("SELECT matches FROM rule_firings WHERE rule_id = ?").param(rule).query(Integer.class).single())
                .isEqualTo(3);
    }

    @Test
    void theNumberOfDaysIsTheRulesParameter() {
        UUID rule = rule(rita, "REP", """
                {"name":"Six weeks","type":"STALLED_DEALS","parameters":{"days":42},"schedule":{"kind":"daily","at":"09:00"}}""");

        fire(rule, rita);

        assertThat(titles(rule, rita)).containsExactly("Six weeks: Back and forth — in QUALIFICATION for 45 days");
    }

    @Test
    void aManagerSeesTheTeamSubtreeAndTheirRuleForARepOnlyTheRepsDeals() {
        UUID forMe = rule(manager, "MANAGER", """
                {"name":"Team stalled","type":"STALLED_DEALS","schedule":{"kind":"daily","at":"09:00"}}""");
        UUID forRita = rule(manager, "MANAGER", """
                {"name":"Rita stalled","type":"STALLED_DEALS","recipients":["%s"],"schedule":{"kind":"daily","at":"09:00"}}"""
                .formatted(rita));

        fire(forMe, manager);
        fire(forRita, rita);

        // Sam's team is below Sales; Otto's is not
        assertThat(titles(forMe, manager)).containsExactlyInAnyOrder(
                "Team stalled: Back and forth — in QUALIFICATION for 45 days",
                "Team stalled: Created 40 days ago — in PROSPECTING for 40 days",
                "Team stalled: Sams stuck deal — in NEGOTIATION for 50 days",
                "Team stalled: Thirty-one days — in PROPOSAL for 31 days");
        assertThat(jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ?").param(forMe)
                .query(String.class).single()).contains("TEAMS:" + sales + "+OWNER:" + manager);
        assertThat(titles(forRita, rita)).containsExactlyInAnyOrder(
                "Rita stalled: Back and forth — in QUALIFICATION for 45 days",
                "Rita stalled: Created 40 days ago — in PROSPECTING for 40 days",
                "Rita stalled: Thirty-one days — in PROPOSAL for 31 days");
    }

    @Test
    void aManagerOfATeamTheyAreNotAMemberOfSeesThatTeamsDealsAndNotTheirOwnTeams() {
        // Nia sits in Support (Otto's team) and manages Sales North (Sam's)
        UUID nia = crm.user("Nia", org.support(), "MANAGER", "Asia/Shanghai");
        crm.manages(nia, org.salesNorth());
        UUID rule = rule(nia, "MANAGER", """
                {"name":"North stalled","type":"STALLED_DEALS","schedule":{"kind":"daily","at":"09:00"}}""");

        fire(rule, nia);

        assertThat(titles(rule, nia)).containsExactly("North stalled: Sams stuck deal — in NEGOTIATION for 50 days");
        assertThat(jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ?").param(rule)
                .query(String.class).single()).contains("TEAMS:" + org.salesNorth() + "+OWNER:" + nia);
    }

    @Test
    void aManagersScopeIsTheLiveTeamsTheyManageAndThemselvesOrOnlyThemselves() {
        UUID lee = crm.user("Lee", org.sales(), "MANAGER", "Asia/Shanghai");
        assertThat(olap.scopeOf(lee.toString())).isEqualTo(DataScope.owner(lee.toString()));

        UUID first = crm.team("Branch one", null);
        UUID second = crm.team("Branch two", null);
        UUID binned = crm.team("Closed branch", null);
        for (UUID team : List.of(first, second, binned)) {
            crm.manages(lee, team);
        }
        crm.binTeam(binned);

        DataScope scope = olap.scopeOf(lee.toString());
        assertThat(scope.kind()).isEqualTo(DataScope.Kind.TEAMS);
        assertThat(scope.id()).isEqualTo(lee.toString());
        assertThat(scope.teams()).containsExactlyInAnyOrder(first.toString(), second.toString());
    }

    private UUID deal(String name, UUID owner, String stage, Instant created, Instant entered) {
        UUID id = crm.deal(name, owner, stage, created, entered, null);
        facts.dealInStage(id, owner, stage, "1000", created, entered, false);
        return id;
    }

    // won or lost 90 days ago, after 100 days in PROSPECTING
    private void closed(String name, UUID owner, String stage) {
        UUID id = crm.closedDeal(name, owner, stage, "1000", days(90));
        facts.closedDeal(id, owner, stage, "1000", days(90), false);
        facts.transition(id, 1, null, "PROSPECTING", days(120), "1000", owner);
        facts.transition(id, 2, "PROSPECTING", stage, days(90), "1000", owner);
    }

    private static Instant days(int before) {
        return AT.minus(Duration.ofDays(before));
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
