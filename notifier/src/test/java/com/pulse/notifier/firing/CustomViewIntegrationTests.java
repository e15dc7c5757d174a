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
import java.util.LinkedHashMap;
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
 * {@code CUSTOM_VIEW} on devstack ClickHouse (facts and saved views as streams and olap write them) and Postgres (the
 * api's users and teams): the saved pivot is run by olap's compiler with the data scope olap gives the recipient, its
 * grand total compared with the threshold; the view must exist, be visible to the owner and have the measure.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomViewIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(CustomViewIntegrationTests.class);
    static final Instant AT = Instant.parse("2026-11-30T01:00:00Z");
    static final Instant CREATED = Instant.parse("2026-11-01T00:00:00Z");
    static final String OPEN_PIPELINE = """
            {"cube":"opportunities","rows":["stage"],"columns":[],"measures":["amountBase","count"],
             "filters":[{"field":"stage","op":"in","values":["PROSPECTING","QUALIFICATION","PROPOSAL","NEGOTIATION"]}]}""";

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

    UUID mia;
    UUID rita;
    UUID eve;
    UUID otto;
    String teamView;
    String northView;
    CrmData crm;
    UUID north;
    UUID support;
    String ottosView;

    @BeforeAll
    void dataset() {
        clickHouse.migrate();
        crm = new CrmData(jdbc);
        UUID sales = crm.team("Sales", null);
        north = crm.team("North", sales);
        support = crm.team("Support", null);
        mia = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(mia, sales);
        rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        UUID nick = crm.user("Nick", north, "REP", "Asia/Shanghai");
        otto = crm.user("Otto", support, "REP", "Asia/Shanghai");
        eve = crm.user("Eve", null, "EXECUTIVE", "Asia/Shanghai");

        Facts facts = new Facts(clickHouse).owner(rita, sales, sales.toString()).owner(nick, north, sales + "/" + north)
                .owner(otto, support, support.toString());
        facts.openDeal(rita, "PROPOSAL", "300000.00", CREATED);
        facts.openDeal(rita, "NEGOTIATION", "200000.00", CREATED);
        facts.closedDeal(UUID.randomUUID(), rita, "CLOSED_WON", "900000.00", Instant.parse("2026-11-02T00:00:00Z"), false);
        facts.openDeal(nick, "PROPOSAL", "1000000.00", CREATED);
        facts.openDeal(otto, "PROPOSAL", "5000000.00", CREATED);
        teamView = view("Open pipeline", rita, sales, "team", OPEN_PIPELINE, 0);
        ottosView = view("Otto's own", otto, support, "private", OPEN_PIPELINE, 0);
        northView = view("North pipeline", nick, north, "team", OPEN_PIPELINE, 0);
    }

    @Test
    void aRepsRuleComparesTheirOwnOpenPipelineWithTheThreshold() {
        UUID rule = rule(rita, "REP", teamView, "amountBase", "BELOW", "1500000");

        fire(rule, rita);

        assertThat(titles(rule, rita)).containsExactly(
                "Pipeline watch: Open pipeline: Amount is 500,000.00 CNY, below 1,500,000.00 CNY");
        String query = jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ?").param(rule).query(String.class).single();
        assertThat(query).contains("FROM opportunities FINAL").contains("toString(owner_id) = ?");
        String bound = jdbc.sql("SELECT CAST(parameters AS text) FROM rule_firings WHERE rule_id = ?").param(rule)
                .query(String.class).single();
        assertThat(bound).contains("OWNER:" + rita).contains("500000.00");
    }

    @Test
    void aManagersRuleSeesTheTeamSubtreeAndAnExecutivesTheCompany() {
        UUID notBelow = rule(mia, "MANAGER", teamView, "amountBase", "BELOW", "1500000");
        UUID below = rule(mia, "MANAGER", teamView, "amountBase", "BELOW", "2000000");
        UUID company = rule(eve, "EXECUTIVE", teamView, "amountBase", "ABOVE", "6000000");
        UUID counted = rule(rita, "REP", teamView, "count", "ABOVE", "1");

        fire(notBelow, mia);
        fire(below, mia);
        fire(company, eve);
        fire(counted, rita);

        // Sales and North: 500,000 + 1,000,000 is not below 1,500,000, but below 2,000,000
        assertThat(titles(notBelow, mia)).isEmpty();
        assertThat(titles(below, mia)).containsExactly(
                "Pipeline watch: Open pipeline: Amount is 1,500,000.00 CNY, below 2,000,000.00 CNY");
        assertThat(titles(company, eve)).containsExactly(
                "Pipeline watch: Open pipeline: Amount is 6,500,000.00 CNY, above 6,000,000.00 CNY");
        assertThat(titles(counted, rita)).containsExactly("Pipeline watch: Open pipeline: Count is 2, above 1");
    }

    @Test
    void aViewSharedWithATeamReachesItsManagerThoughTheySitElsewhereAndNotAManagerManagingNothing() {
        // Oona sits in Support and manages North; Piet, a MANAGER in Support too, manages no team
        UUID oona = crm.user("Oona", support, "MANAGER", "Asia/Shanghai");
        crm.manages(oona, north);
        UUID piet = crm.user("Piet", support, "MANAGER", "Asia/Shanghai");
        UUID rule = rule(oona, "MANAGER", northView, "amountBase", "BELOW", "2000000");

        fire(rule, oona);

        // North's 1,000,000 (Nick's), not Otto's 5,000,000 in the team Oona sits in
        assertThat(titles(rule, oona)).containsExactly(
                "Pipeline watch: North pipeline: Amount is 1,000,000.00 CNY, below 2,000,000.00 CNY");
        assertThat(refused(piet, "MANAGER", northView, "amountBase")).isEqualTo("parameters.viewId");
    }

    @Test
    void theViewMustBeVisibleToTheOwnerAndHaveTheMeasure() {
        long before = jdbc.sql("SELECT count(*) FROM rules").query(Long.class).single();
        assertThat(refused(rita, "REP", UUID.randomUUID().toString(), "amountBase")).isEqualTo("parameters.viewId");
        assertThat(refused(rita, "REP", ottosView, "amountBase")).isEqualTo("parameters.viewId");
        assertThat(refused(otto, "REP", teamView, "amountBase")).as("team sharing is Rita's team, not Otto's")
                .isEqualTo("parameters.viewId");
        assertThat(refused(rita, "REP", teamView, "weighted")).isEqualTo("parameters.measure");
        Response bad = new ApiCalls(port).post(token(rita, "REP"), "/notifier/v1/rules", """
                {"name":"x","type":"CUSTOM_VIEW","parameters":{"viewId":"nope","measure":"count","condition":"EQUAL"},
                 "schedule":{"kind":"daily","at":"09:00"}}""");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().toString()).contains("parameters.viewId").contains("parameters.condition")
                .contains("parameters.threshold");
        assertThat(jdbc.sql("SELECT count(*) FROM rules").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aViewDeletedAfterTheRuleWasSavedAlertsNobodyAndTheFiringSaysWhy() {
        String doomed = view("Doomed", rita, UUID.randomUUID(), "private", OPEN_PIPELINE, 0);
        UUID rule = rule(rita, "REP", doomed, "amountBase", "BELOW", "1500000");
        view(doomed, "Doomed", rita, UUID.randomUUID(), "private", OPEN_PIPELINE, 1);

        fire(rule, rita);

        assertThat(titles(rule, rita)).isEmpty();
        assertThat(jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ?").param(rule).query(String.class).single())
                .isEqualTo("-- saved view " + doomed + " is gone or not visible to " + rita);
    }

    private String refused(UUID owner, String role, String viewId, String measure) {
        Response r = new ApiCalls(port).post(token(owner, role), "/notifier/v1/rules", body(viewId, measure, "BELOW", "1"));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(400);
        return r.problemField();
    }

    private UUID rule(UUID owner, String role, String viewId, String measure, String condition, String threshold) {
        Response created = new ApiCalls(port).post(token(owner, role), "/notifier/v1/rules",
                body(viewId, measure, condition, threshold));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return UUID.fromString(created.json().get("id").asString());
    }

    private static String body(String viewId, String measure, String condition, String threshold) {
        return """
                {"name":"Pipeline watch","type":"CUSTOM_VIEW",
                 "parameters":{"viewId":"%s","measure":"%s","condition":"%s","threshold":%s},
                 "schedule":{"kind":"daily","at":"09:00"}}""".formatted(viewId, measure, condition, threshold);
    }

    private static String token(UUID user, String role) {
        return TestTokens.token(user.toString(), List.of(role), null, "Asia/Shanghai");
    }

    private void fire(UUID rule, UUID recipient) {
        firings.fire(new Firing(rule, recipient.toString(), AT, AT));
    }

    private List<String> titles(UUID rule, UUID recipient) {
        return jdbc.sql("SELECT variables->>'title' FROM deliveries WHERE rule = ? AND recipient_user_id = ? ORDER BY created_at")
                .params(rule.toString(), recipient.toString()).query(String.class).list();
    }

    private String view(String name, UUID owner, UUID team, String sharing, String query, int deleted) {
        return view(UUID.randomUUID().toString(), name, owner, team, sharing, query, deleted);
    }

    /** A row of saved_views as olap writes it (a later version of the same id replaces it under FINAL). */
    private String view(String id, String name, UUID owner, UUID team, String sharing, String query, int deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", deleted + 1);
        row.put("owner_id", owner.toString());
        row.put("owner_team_id", team.toString());
        row.put("name", name);
        row.put("query", query.replace("\n", ""));
        row.put("sharing", sharing);
        row.put("created_at", "2026-11-20 00:00:00");
        row.put("updated_at", "2026-11-20 00:00:00");
        row.put("deleted", deleted);
        clickHouse.insertJsonEachRow("saved_views", List.of(row));
        return id;
    }
}
