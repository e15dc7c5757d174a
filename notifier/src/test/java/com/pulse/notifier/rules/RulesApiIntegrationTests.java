package com.pulse.notifier.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiCalls.Response;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.schedule.RuleScheduler;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The rules and preferences APIs on devstack Postgres, with the api's tables migrated into the test
 * database: CRUD per owner with versions, a manager's rules for their team, validation naming each field,
 * and the Quartz triggers that follow every change, on each recipient's clock.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RulesApiIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(RulesApiIntegrationTests.class);
    static final String DAILY = """
            {"name":"Dormant","type":"DORMANT_CUSTOMERS","schedule":{"kind":"daily","at":"09:00"}}""";

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
    Scheduler scheduler;

    ApiCalls api;
    CrmData crm;

    @BeforeEach
    void setUp() {
        api = new ApiCalls(port);
        crm = new CrmData(jdbc);
    }

    @Test
    void aRepCreatesReadsListsAndDeletesTheirRuleAndItsTriggerFollows() throws Exception {
        String me = UUID.randomUUID().toString();
        String token = rep(me, "Europe/Berlin");

        Response created = api.post(token, "/notifier/v1/rules", DAILY);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.etag()).hasValue("\"1\"");
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(created.json().get("version").asLong()).isEqualTo(1);
        assertThat(created.json().get("parameters").get("days").asInt()).as("default").isEqualTo(90);
        assertThat(created.json().get("recipients").get(0).asString()).isEqualTo(me);
        assertThat(created.json().get("channels").get(0).asString()).isEqualTo("IN_APP");
        assertThat(created.json().get("enabled").asBoolean()).isTrue();
        CronTrigger trigger = trigger(id, me);
        assertThat(trigger.getCronExpression()).isEqualTo("0 0 9 ? * *");
        assertThat(trigger.getTimeZone().getID()).as("the token's zoneinfo").isEqualTo("Europe/Berlin");

        assertThat(api.get(token, "/notifier/v1/rules/" + id).json().get("name").asString()).isEqualTo("Dormant");
        assertThat(api.get(token, "/notifier/v1/rules").json().get("items")).hasSize(1);

        assertThat(api.delete(token, "/notifier/v1/rules/" + id, "\"1\"").status()).isEqualTo(204);
        assertThat(api.get(token, "/notifier/v1/rules/" + id).status()).isEqualTo(404);
        assertThat(scheduler.checkExists(RuleScheduler.job(id))).isFalse();
        assertThat(scheduler.checkExists(RuleScheduler.trigger(id, me))).isFalse();
    }

    @Test
    void anUpdateNeedsTheVersionReadAndAStaleOneIsAConflict() throws Exception {
        String me = UUID.randomUUID().toString();
        String token = rep(me, "Asia/Shanghai");
        String id = api.post(token, "/notifier/v1/rules", DAILY).json().get("id").asString();
        String weekly = """
                {"name":"Mondays","type":"STALLED_DEALS","parameters":{"days":14},
                 "schedule":{"kind":"weekly","day":"MONDAY","at":"08:30"},"channels":["EMAIL","IN_APP"]}""";

        Response updated = api.put(token, "/notifier/v1/rules/" + id, weekly, "\"1\"");

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(2);
        assertThat(updated.etag()).hasValue("\"2\"");
        assertThat(updated.json().get("channels").get(0).asString()).isEqualTo("EMAIL");
        assertThat(trigger(UUID.fromString(id), me).getCronExpression()).isEqualTo("0 30 8 ? * MON");

        Response stale = api.put(token, "/notifier/v1/rules/" + id, DAILY, "\"1\"");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).isEqualTo("application/problem+json");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(api.get(token, "/notifier/v1/rules/" + id).json().get("name").asString()).isEqualTo("Mondays");

        Response staleInBody = api.put(token, "/notifier/v1/rules/" + id, DAILY.replace("{\"name\"", "{\"version\":1,\"name\""), null);
        assertThat(staleInBody.status()).isEqualTo(409);
        Response noVersion = api.put(token, "/notifier/v1/rules/" + id, DAILY, null);
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.problemField()).isEqualTo("version");
        assertThat(api.delete(token, "/notifier/v1/rules/" + id, "\"1\"").status()).isEqualTo(409);

        Response disabled = api.put(token, "/notifier/v1/rules/" + id, weekly.replace("{\"name\"", "{\"enabled\":false,\"name\""), "\"2\"");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(scheduler.checkExists(RuleScheduler.trigger(UUID.fromString(id), me))).as("a disabled rule has no trigger").isFalse();
    }

    @Test
    void someoneElsesRuleIsNotFoundAndStaysAsItWas() throws Exception {
        String owner = UUID.randomUUID().toString();
        String id = api.post(rep(owner, "Asia/Shanghai"), "/notifier/v1/rules", DAILY).json().get("id").asString();
        String other = rep(UUID.randomUUID().toString(), "Asia/Shanghai");

        assertThat(api.get(other, "/notifier/v1/rules/" + id).status()).isEqualTo(404);
        assertThat(api.put(other, "/notifier/v1/rules/" + id, DAILY, "\"1\"").status()).isEqualTo(404);
        assertThat(api.delete(other, "/notifier/v1/rules/" + id, "\"1\"").status()).isEqualTo(404);
        assertThat(api.get(other, "/notifier/v1/rules/not-a-rule").status()).isEqualTo(404);
        assertThat(api.get(other, "/notifier/v1/rules").json().get("items")).isEmpty();
        assertThat(scheduler.checkExists(RuleScheduler.trigger(UUID.fromString(id), owner))).isTrue();
        assertThat(api.get(null, "/notifier/v1/rules").status()).isEqualTo(401);
    }

    @Test
    void aManagerSendsRulesToTheirTeamOnEachMembersClockButNotToOthers() throws Exception {
        UUID sales = crm.team("Sales", null);
        UUID east = crm.team("Sales East", sales);
        UUID manager = crm.user("Mia", sales, "MANAGER", "Asia/Shanghai");
        crm.manages(manager, sales);
        UUID member = crm.user("Ned", east, "REP", "America/New_York");
        UUID outsider = crm.user("Olga", crm.team("Support", null), "REP", "Europe/Berlin");
        String token = TestTokens.token(manager.toString(), List.of("MANAGER"), sales.toString(), "Asia/Shanghai");

        Response created = api.post(token, "/notifier/v1/rules", """
                {"name":"Team birthdays","type":"BIRTHDAYS","recipients":["%s","%s"],
                 "schedule":{"kind":"monthly","day":1,"at":"09:00"}}""".formatted(manager, member));

        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get("id").asString());
        assertThat(trigger(id, manager.toString()).getTimeZone().getID()).isEqualTo("Asia/Shanghai");
        assertThat(trigger(id, member.toString()).getTimeZone().getID()).as("the member's zone in the api").isEqualTo("America/New_York");
        assertThat(trigger(id, member.toString()).getCronExpression()).isEqualTo("0 0 9 1 * ?");

        Response outside = api.post(token, "/notifier/v1/rules", """
                {"name":"x","type":"BIRTHDAYS","recipients":["%s","%s"],"schedule":{"kind":"daily","at":"09:00"}}"""
                .formatted(member, outsider));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.problemField()).isEqualTo("recipients[1]");

        Response byRep = api.post(rep(member.toString(), "America/New_York"), "/notifier/v1/rules", """
                {"name":"x","type":"BIRTHDAYS","recipients":["%s"],"schedule":{"kind":"daily","at":"09:00"}}""".formatted(manager));
        assertThat(byRep.status()).isEqualTo(400);
        assertThat(byRep.problemField()).isEqualTo("recipients[0]");
        assertThat(jdbc.sql("SELECT count(*) FROM rules WHERE name = 'x'").query(Long.class).single()).isZero();
    }

    @Test
    void stageMovedBackwardsAndTargetAtRiskFillInTheirDefaults() throws Exception {
        String token = rep(UUID.randomUUID().toString(), "Asia/Shanghai");

        Response backwards = api.post(token, "/notifier/v1/rules", "{\"name\":\"b\",\"type\":\"STAGE_MOVED_BACKWARDS\"}");
        Response atRisk = api.post(token, "/notifier/v1/rules", """
                {"name":"t","type":"TARGET_AT_RISK","schedule":{"kind":"weekly","day":"MONDAY","at":"09:00"}}""");

        assertThat(backwards.status()).isEqualTo(201);
        assertThat(backwards.json().get("parameters").get("minAmount").asString()).isEqualTo("0");
        assertThat(backwards.json().get("schedule").isNull()).isTrue();
        assertThat(atRisk.status()).isEqualTo(201);
        assertThat(atRisk.json().get("parameters").get("attainmentBelowPct").asInt()).isEqualTo(80);
        assertThat(atRisk.json().get("parameters").get("periodElapsedPct").asInt()).isEqualTo(50);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"colour\":1} | colour",
            "{\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}}                         | name",
            "{\"name\":\"n\",\"type\":\"NOPE\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}}                        | type",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"parameters\":{\"days\":0},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.days",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"parameters\":{\"weeks\":2},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.weeks",
            "{\"name\":\"n\",\"type\":\"BIRTHDAYS\",\"parameters\":{\"window\":\"THIS_MONTH\",\"days\":3},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.days",
            "{\"name\":\"n\",\"type\":\"DUE_SOON\",\"parameters\":{\"overdue\":\"yes\"},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.overdue",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\"}                                                            | schedule",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"hourly\"}}                           | schedule.kind",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"9am\"}}             | schedule.at",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"24:00\"}}           | schedule.at",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"weekly\",\"day\":\"MON\",\"at\":\"08:30\"}} | schedule.day",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"monthly\",\"day\":32,\"at\":\"08:30\"}} | schedule.day",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"cron\",\"expression\":\"0 0 25 * * ?\"}} | schedule.expression",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"cron\",\"expression\":\"* * * * * ?\"}} | schedule.expression",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"cron\",\"expression\":\"0 0 9 * *\"}} | schedule.expression",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\",\"tz\":\"UTC\"}} | schedule.tz",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"channels\":[\"FAX\"]} | channels[0]",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"channels\":[]} | channels",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"quietHours\":{\"from\":\"22:00\",\"to\":\"22:00\"}} | quietHours.to",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"recipients\":[]} | recipients",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"digest\":1} | digest",
            "{\"name\":\"n\",\"type\":\"DORMANT_CUSTOMERS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"},\"version\":1} | version",
            "{\"name\":\"n\",\"type\":\"BIG_DEAL_WON\",\"parameters\":{\"minAmount\":1},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | schedule",
            "{\"name\":\"n\",\"type\":\"BIG_DEAL_WON\"}                                                                 | parameters.minAmount",
            "{\"name\":\"n\",\"type\":\"BIG_DEAL_LOST\",\"parameters\":{\"minAmount\":0}}                            | parameters.minAmount",
            "{\"name\":\"n\",\"type\":\"BIG_DEAL_LOST\",\"parameters\":{\"minAmount\":\"lots\"}}                     | parameters.minAmount",
            "{\"name\":\"n\",\"type\":\"BIG_DEAL_WON\",\"parameters\":{\"minAmount\":5,\"days\":3}}                 | parameters.days",
            "{\"name\":\"n\",\"type\":\"STAGE_MOVED_BACKWARDS\",\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | schedule",
            "{\"name\":\"n\",\"type\":\"STAGE_MOVED_BACKWARDS\",\"parameters\":{\"minAmount\":-1}}              | parameters.minAmount",
            "{\"name\":\"n\",\"type\":\"STAGE_MOVED_BACKWARDS\",\"parameters\":{\"minAmount\":\"lots\"}}         | parameters.minAmount",
            "{\"name\":\"n\",\"type\":\"STAGE_MOVED_BACKWARDS\",\"parameters\":{\"stage\":\"PROPOSAL\"}}        | parameters.stage",
            "{\"name\":\"n\",\"type\":\"TARGET_AT_RISK\"}                                                          | schedule",
            "{\"name\":\"n\",\"type\":\"TARGET_AT_RISK\",\"parameters\":{\"attainmentBelowPct\":0},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.attainmentBelowPct",
            "{\"name\":\"n\",\"type\":\"TARGET_AT_RISK\",\"parameters\":{\"attainmentBelowPct\":80.5},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.attainmentBelowPct",
            "{\"name\":\"n\",\"type\":\"TARGET_AT_RISK\",\"parameters\":{\"periodElapsedPct\":100},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.periodElapsedPct",
            "{\"name\":\"n\",\"type\":\"TARGET_AT_RISK\",\"parameters\":{\"metric\":\"ACTIVITIES\"},\"schedule\":{\"kind\":\"daily\",\"at\":\"09:00\"}} | parameters.metric",
            "{\"name\":                                                                                              | body",
            "[1,2]                                                                                                   | body",
    })
    void aBadRuleIsAProblemNamingTheFieldAndNothingIsWritten(String body, String field) throws Exception {
        String me = UUID.randomUUID().toString();

        Response response = api.post(rep(me, "Asia/Shanghai"), "/notifier/v1/rules", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.problemField()).isEqualTo(field);
        assertThat(response.json().get("errors").get(0).get("reason").asString()).isNotBlank();
        assertThat(jdbc.sql("SELECT count(*) FROM rules WHERE owner_id = ?").param(me).query(Long.class).single()).isZero();
    }

    @Test
    void preferencesDefaultToTheTokensZoneAndAChosenZoneMovesTheTriggers() throws Exception {
        String me = UUID.randomUUID().toString();
        String token = rep(me, "America/New_York");
        UUID rule = UUID.fromString(api.post(token, "/notifier/v1/rules", DAILY).json().get("id").asString());

        Response defaults = api.get(token, "/notifier/v1/preferences");
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().get("timeZone").asString()).isEqualTo("America/New_York");
        assertThat(defaults.json().get("timeZoneChosen").asBoolean()).isFalse();
        assertThat(defaults.json().get("locale").asString()).isEqualTo("zh-CN");
        assertThat(defaults.json().get("version").asLong()).isZero();

        Response saved = api.put(token, "/notifier/v1/preferences", """
                {"timeZone":"Europe/Berlin","locale":"en","phone":"+4915112345678","email":"me@example.com",
                 "quietHours":{"from":"22:00","to":"07:00"},"channels":{"DORMANT_CUSTOMERS":["IN_APP"]},"digest":true}""", null);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("version").asLong()).isEqualTo(1);
        assertThat(api.get(token, "/notifier/v1/preferences").json().get("quietHours").get("to").asString()).isEqualTo("07:00");
        assertThat(api.get(token, "/notifier/v1/preferences").json().get("channels").get("DORMANT_CUSTOMERS").get(0).asString())
                .isEqualTo("IN_APP");
        assertThat(trigger(rule, me).getTimeZone().getID()).isEqualTo("Europe/Berlin");

        Response stale = api.put(token, "/notifier/v1/preferences", "{\"timeZone\":\"Asia/Tokyo\",\"version\":5}", null);
        assertThat(stale.status()).isEqualTo(409);
        for (String[] bad : new String[][] {{"{\"timeZone\":\"Mars/Olympus\"}", "timeZone"}, {"{\"phone\":\"0151 123\"}", "phone"},
                {"{\"locale\":\"fr\"}", "locale"}, {"{\"channels\":{\"DORMANT_CUSTOMERS\":[\"FAX\"]}}", "channels.DORMANT_CUSTOMERS[0]"},
                {"{\"email\":\"nobody\"}", "email"}, {"{\"pager\":1}", "pager"}}) {
            Response response = api.put(token, "/notifier/v1/preferences", bad[0], null);
            assertThat(response.status()).as(bad[0]).isEqualTo(400);
            assertThat(response.problemField()).isEqualTo(bad[1]);
        }
        assertThat(api.get(token, "/notifier/v1/preferences").json().get("timeZone").asString()).isEqualTo("Europe/Berlin");
    }

    private CronTrigger trigger(UUID rule, String recipient) throws SchedulerException {
        return (CronTrigger) scheduler.getTrigger(RuleScheduler.trigger(rule, recipient));
    }

    private static String rep(String subject, String zone) {
        return TestTokens.token(subject, List.of("REP"), null, zone);
    }
}
