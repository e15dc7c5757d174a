package com.pulse.notifier.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.notifier.ApiCalls;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.CrmData;
import com.pulse.notifier.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two clustered schedulers on one database (the application's and a second one with the same settings and
 * another instance id, as a second notifier would run): every firing runs on exactly one of them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ClusteredSchedulingIntegrationTests {

    static final TestNamespace NS = Devstack.get().newNamespace(ClusteredSchedulingIntegrationTests.class);
    static final int FIRINGS = 20;

    @DynamicPropertySource
    static void props(DynamicPropertyRegistry r) {
        ApiTables.migrate(NS.pgJdbcUrl());
        NS.springProperties().forEach((k, v) -> r.add(k, () -> v));
        TestTokens.register(r);
    }

    @LocalServerPort
    int port;

    @Autowired
    Scheduler first;

    @Autowired
    DataSource dataSource;

    @Autowired
    QuartzProperties quartz;

    @Autowired
    ApplicationContext context;

    @Autowired
    RuleScheduler rules;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyFiringRunsOnceAcrossTwoInstances() throws Exception {
        // given a second scheduler on the same tables
        SchedulerFactoryBean factory = new SchedulerFactoryBean();
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        properties.put("org.quartz.scheduler.instanceId", "second-notifier");
        factory.setQuartzProperties(properties);
        factory.setSchedulerName(first.getSchedulerName());
        factory.setDataSource(dataSource);
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        factory.setJobFactory(jobs);
        factory.setAutoStartup(false);
        factory.afterPropertiesSet();
        Scheduler second = factory.getScheduler();
        AtomicInteger ranFirst = count(first, "first");
        AtomicInteger ranSecond = count(second, "second");
        second.start();
        try {
            // and a rule of a rep with one dormant customer
            CrmData crm = new CrmData(jdbc);
            UUID rep = crm.user("Cleo", null, "REP", "Asia/Shanghai");
            crm.account("Cluster Co", rep);
            UUID rule = UUID.fromString(new ApiCalls(port).post(TestTokens.token(rep.toString(), List.of("REP"), null, "Asia/Shanghai"),
                    "/notifier/v1/rules", """
                    {"name":"Twice?","type":"DORMANT_CUSTOMERS","schedule":{"kind":"daily","at":"09:00"}}""")
                    .json().get("id").asString());

            // when twenty one-off firings fall due at once
            Instant now = Instant.now();
            for (int i = 0; i < FIRINGS; i++) {
                rules.defer(rule, rep.toString(), Instant.parse("2027-01-01T01:00:00Z").plus(Duration.ofDays(i)), now);
            }

            // then, once Quartz has nothing left of them, each ran exactly once
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(jdbc.sql("SELECT count(*) FROM qrtz_triggers WHERE trigger_group = ?")
                        .param(RuleScheduler.DEFERRED_GROUP).query(Long.class).single()).isZero();
                assertThat(jdbc.sql("SELECT count(*) FROM qrtz_fired_triggers").query(Long.class).single()).isZero();
            });
            assertThat(jdbc.sql("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = ?")
                    .param(first.getSchedulerName()).query(String.class).list())
                    .as("both instances checked in to one cluster")
                    .contains(first.getSchedulerInstanceId(), "second-notifier");
            assertThat(ranFirst.get() + ranSecond.get()).isEqualTo(FIRINGS);
            assertThat(jdbc.sql("SELECT count(*) FROM rule_firings WHERE rule_id = ?").param(rule).query(Long.class).single())
                    .isEqualTo(FIRINGS);
            assertThat(jdbc.sql("SELECT count(DISTINCT period) FROM rule_firings WHERE rule_id = ?").param(rule)
                    .query(Long.class).single()).isEqualTo(FIRINGS);
            assertThat(jdbc.sql("SELECT count(*) FROM deliveries WHERE recipient_user_id = ?").param(rep.toString())
                    .query(Long.class).single()).isEqualTo(FIRINGS);
        } finally {
            second.shutdown(true);
        }
    }

    private static AtomicInteger count(Scheduler scheduler, String name) throws Exception {
        AtomicInteger ran = new AtomicInteger();
        scheduler.getListenerManager().addJobListener(new JobListener() {
            @Override
            public String getName() {
                return "count-" + name;
            }

            @Override
            public void jobToBeExecuted(JobExecutionContext context) {
            }

            @Override
            public void jobExecutionVetoed(JobExecutionContext context) {
            }

            @Override
            public void jobWasExecuted(JobExecutionContext context, JobExecutionException e) {
                ran.incrementAndGet();
            }
        });
        return ran;
    }
}
