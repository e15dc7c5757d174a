package com.pulse.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.TestTokens;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Daily at 09:00" on each recipient's clock, across DST changes, read from the triggers Quartz persisted
 * (their own {@code getFireTimeAfter}, no waiting); and quiet hours holding a firing back to their end,
 * driven through the firing handler with the trigger's instants.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TimeZoneMatrixIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(TimeZoneMatrixIntegrationTests.class);

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    Scheduler scheduler;

    @Autowired
    FiringHandler firings;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', value = {
            // Shanghai has no DST: 01:00Z every day
            "Asia/Shanghai    | 2026-10-23T12:00:00Z | 2026-10-24T01:00:00Z, 2026-10-25T01:00:00Z, 2026-10-26T01:00:00Z",
            // Berlin leaves summer time on 2026-10-25 (03:00 CEST -> 02:00 CET)
            "Europe/Berlin    | 2026-10-23T12:00:00Z | 2026-10-24T07:00:00Z, 2026-10-25T08:00:00Z, 2026-10-26T08:00:00Z",
            // and enters it on 2027-03-28 (02:00 CET -> 03:00 CEST)
            "Europe/Berlin    | 2027-03-26T12:00:00Z | 2027-03-27T08:00:00Z, 2027-03-28T07:00:00Z, 2027-03-29T07:00:00Z",
            // New York leaves daylight time on 2026-11-01 and enters it on 2027-03-14
            "America/New_York | 2026-10-30T18:00:00Z | 2026-10-31T13:00:00Z, 2026-11-01T14:00:00Z, 2026-11-02T14:00:00Z",
            "America/New_York | 2027-03-12T18:00:00Z | 2027-03-13T14:00:00Z, 2027-03-14T13:00:00Z, 2027-03-15T13:00:00Z",
    })
    void dailyAtNineFiresOnceADayAtNineOnTheRecipientsClock(String zone, String from, String expected) throws Exception {
        // given a rule of a user whose preferences name the zone
        String user = UUID.randomUUID().toString();
        String token = TestTokens.token(user, List.of("REP"), null, "Asia/Shanghai");
        ApiCalls api = new ApiCalls(port);
        assertThat(api.put(token, "/notifier/v1/preferences", "{\"timeZone\":\"" + zone + "\"}", null).status()).isEqualTo(200);
        UUID rule = UUID.fromString(api.post(token, "/notifier/v1/rules", """
                {"name":"Nine","type":"DUE_SOON","schedule":{"kind":"daily","at":"09:00"}}""").json().get("id").asString());

        // when the persisted trigger (its cron and zone as stored, started at `from` so that dates already past
        // can be asked too) is asked for its next firings
        CronTrigger stored = (CronTrigger) scheduler.getTrigger(RuleScheduler.trigger(rule, user));
        Date after = Date.from(Instant.parse(from));
        CronTrigger trigger = (CronTrigger) stored.getTriggerBuilder().startAt(after).build();
        assertThat(trigger.getCronExpression()).isEqualTo(stored.getCronExpression());
        List<Instant> fires = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after = trigger.getFireTimeAfter(after);
            fires.add(after.toInstant());
        }

        // then exactly these instants: one a day, each 09:00 local
        assertThat(trigger.getTimeZone().getID()).isEqualTo(zone);
        assertThat(fires).containsExactly(List.of(expected.split(",\\s*")).stream().map(Instant::parse).toArray(Instant[]::new));
        for (int i = 0; i < fires.size(); i++) {
            ZonedDateTime local = fires.get(i).atZone(ZoneId.of(zone));
            assertThat(local.toLocalTime()).isEqualTo(LocalTime.of(9, 0));
            if (i > 0) {
                assertThat(local.toLocalDate()).isEqualTo(fires.get(i - 1).atZone(ZoneId.of(zone)).toLocalDate().plusDays(1));
            }
        }
    }

    @Test
    void aFiringInsideQuietHoursIsDeferredToTheirEndAcrossTheDstChangeAndAlertsOnceThen() throws Exception {
        // given a rep in Berlin with one dormant customer, and a rule at 23:00 with quiet hours 22:00-07:00
        CrmData crm = new CrmData(jdbc);
        UUID rep = crm.user("Rita", null, "REP", "Europe/Berlin");
        crm.account("Quiet Ltd", rep);
        String token = TestTokens.token(rep.toString(), List.of("REP"), null, "Europe/Berlin");
        UUID rule = UUID.fromString(new ApiCalls(port).post(token, "/notifier/v1/rules", """
                {"name":"Late","type":"DORMANT_CUSTOMERS","schedule":{"kind":"daily","at":"23:00"},
                 "quietHours":{"from":"22:00","to":"07:00"}}""").json().get("id").asString());
        Trigger daily = scheduler.getTrigger(RuleScheduler.trigger(rule, rep.toString()));
        // the evening before Berlin enters summer time: 23:00 CET
        Instant scheduled = daily.getFireTimeAfter(Date.from(Instant.parse("2027-03-27T12:00:00Z"))).toInstant();
        assertThat(scheduled).isEqualTo(Instant.parse("2027-03-27T22:00:00Z"));

        // when that firing runs, twice (a recovered re-run)
        firings.fire(new Firing(rule, rep.toString(), scheduled, scheduled));
        firings.fire(new Firing(rule, rep.toString(), scheduled, scheduled));

        // then nothing is sent yet, and one one-off trigger waits for 07:00 CEST the next morning
        assertThat(alerts(rep)).isZero();
        List<Trigger> deferred = scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(RuleScheduler.DEFERRED_GROUP)).stream()
                .map(key -> get(key)).filter(t -> t.getJobKey().equals(RuleScheduler.job(rule))).toList();
        assertThat(deferred).hasSize(1);
        Instant end = deferred.get(0).getStartTime().toInstant();
        assertThat(end).isEqualTo(Instant.parse("2027-03-28T05:00:00Z"));
        assertThat(jdbc.sql("SELECT deferred_to FROM rule_firings WHERE rule_id = ? LIMIT 1").param(rule)
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(end);

        // when the deferred firing runs (with the period it carries), twice
        long period = deferred.get(0).getJobDataMap().getLong(RuleScheduler.PERIOD);
        firings.fire(new Firing(rule, rep.toString(), end, Instant.ofEpochMilli(period)));
        firings.fire(new Firing(rule, rep.toString(), end, Instant.ofEpochMilli(period)));

        // then the alert is delivered once, keyed by the original firing
        assertThat(alerts(rep)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT period FROM deliveries WHERE recipient_user_id = ?").param(rep.toString())
                .query(String.class).single()).isEqualTo(scheduled.toString());
    }

    private Trigger get(org.quartz.TriggerKey key) {
        try {
            return scheduler.getTrigger(key);
        } catch (org.quartz.SchedulerException e) {
            throw new IllegalStateException(e);
        }
    }

    private long alerts(UUID user) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE recipient_user_id = ?").param(user.toString()).query(Long.class).single();
    }
}
