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
import com.pulse.notifier.schedule.RuleScheduler;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A firing whose facts cannot be read (its ClickHouse database does not exist yet, as when the server refuses or
 * cannot be reached: the same ClickHouseException) is neither lost nor marked done: nothing is alerted, the try is
 * logged with its reason and a one-off Quartz trigger runs the same period again; once the facts can be read, that
 * retry alerts exactly once, with the figures as of the original firing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class FactsUnavailableIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(FactsUnavailableIntegrationTests.class);
    /** 09:00 on 1 June 2027 in Shanghai: last month is May. */
    static final Instant AT = Instant.parse("2027-06-01T01:00:00Z");

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
    Scheduler scheduler;

    @Test
    void aFiringThatCannotReadItsFactsIsTriedAgainAndAlertsOnceWhenTheyCanBeRead() throws SchedulerException {
        CrmData crm = new CrmData(jdbc);
        UUID sales = crm.team("Sales", null);
        UUID rita = crm.user("Rita", sales, "REP", "Asia/Shanghai");
        Response created = new ApiCalls(port).post(TestTokens.token(rita.toString(), List.of("REP"), null, "Asia/Shanghai"),
                "/notifier/v1/rules", """
                        {"name":"Monthly","type":"PERIODIC_SUMMARY","parameters":{"report":"WON_LAST_MONTH"},
                         "schedule":{"kind":"monthly","day":1,"at":"09:00"}}""");
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        UUID rule = UUID.fromString(created.json().get("id").asString());

        // the test class's ClickHouse database does not exist yet
        firings.fire(new Firing(rule, rita.toString(), AT, AT));

        assertThat(deliveries(rule)).isZero();
        String reason = jdbc.sql("SELECT query FROM rule_firings WHERE rule_id = ?").param(rule).query(String.class).single();
        assertThat(reason).startsWith("-- facts unavailable, tried again later: ");
        Timestamp retryAt = jdbc.sql("SELECT deferred_to FROM rule_firings WHERE rule_id = ?").param(rule)
                .query(Timestamp.class).single();
        TriggerKey key = RuleScheduler.retryTrigger(rule, rita.toString(), AT, 1);
        Trigger retry = scheduler.getTrigger(key);
        assertThat(retry).as("a one-off trigger tries the period again").isNotNull();
        assertThat(retry.getStartTime().toInstant()).isEqualTo(retryAt.toInstant());
        JobDataMap data = retry.getJobDataMap();
        assertThat(data.getLong("period")).isEqualTo(AT.toEpochMilli());
        assertThat(data.getLong("asOf")).isEqualTo(AT.toEpochMilli());
        // the test runs the retry itself, as Quartz would at its time
        scheduler.unscheduleJob(key);

        clickHouse.migrate();
        Facts facts = new Facts(clickHouse).owner(rita, sales, sales.toString());
        UUID deal = crm.closedDeal("Acme", rita, "CLOSED_WON", "120000.00", Instant.parse("2027-05-20T02:00:00Z"));
        facts.closedDeal(deal, rita, "CLOSED_WON", "120000.00", Instant.parse("2027-05-20T02:00:00Z"), false);
        Firing retried = new Firing(rule, rita.toString(), retry.getStartTime().toInstant(), AT, AT);
        firings.fire(retried);
        firings.fire(retried);

        assertThat(jdbc.sql("SELECT variables->>'title' FROM deliveries WHERE rule = ?").param(rule.toString())
                .query(String.class).list()).containsExactly("Monthly: Won in 2027-05: 1 deal, 120,000.00 CNY");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM rule_firings WHERE rule_id = ? AND period = ?
                          AND query LIKE 'SELECT %FROM opportunities FINAL%'""")
                .params(rule, Timestamp.from(AT)).query(Long.class).single()).as("both retries evaluated").isEqualTo(2);
    }

    private long deliveries(UUID rule) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE rule = ?").param(rule.toString()).query(Long.class).single();
    }
}
