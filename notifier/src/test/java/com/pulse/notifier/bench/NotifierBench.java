package com.pulse.notifier.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.pulse.devstack.Devstack;
import com.pulse.devstack.TestNamespace;
import com.pulse.events.EventJson;
import com.pulse.events.FunnelChanged;
import com.pulse.events.Topics;
import com.pulse.notifier.ApiTables;
import com.pulse.notifier.PulseNotifierApplication;
import com.pulse.notifier.StompClients;
import com.pulse.notifier.TestTokens;
import com.pulse.notifier.builtin.BuiltInQuery;
import com.pulse.notifier.builtin.Lines;
import com.pulse.notifier.delivery.Channel;
import com.pulse.notifier.delivery.Deliveries;
import com.pulse.notifier.delivery.DeliveryRequest;
import com.pulse.notifier.delivery.Provenance;
import com.pulse.notifier.delivery.TwilioFake;
import com.pulse.notifier.rules.RuleType;
import com.pulse.notifier.scope.Scope;
import com.pulse.notifier.scope.Scopes;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./pulse bench notifier}: a benchmark, not a test. Starts the notifier in this JVM on a fresh namespace
 * of the running devstack (Postgres database with the api's tables, topic prefix), Twilio as WireMock and SMTP as
 * GreenMail, and measures:
 * <ol>
 *   <li>STOMP fan-out: {@code --clients} sessions subscribed to the company funnel's scoped destination,
 *       {@code --cells} changes produced to Kafka at once; frames received by all clients per second, from the
 *       first produce to the last frame;</li>
 *   <li>sends/s through the delivery log: {@code --sends} SMS, then as many emails, enqueued in one transaction
 *       each; from its commit until the dispatcher ({@code --threads} workers) recorded every one SENT;</li>
 *   <li>the dormant-customer rule over {@code --accounts} accounts of 50 reps with 3 activities each (90 %
 *       completed within the last year), as a firing runs it: the company, a manager's 50 reps, one rep.</li>
 * </ol>
 * Prints lines {@code fanout …}, {@code sends …}, {@code dormant …}; drops its database at the end.
 */
public final class NotifierBench {

    private NotifierBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = options(args);
        int clients = opts.get("clients");
        TestNamespace ns = Devstack.get().newNamespace("NotifierBench");
        ApiTables.migrate(ns.pgJdbcUrl());
        createTopics(ns);
        TwilioFake twilio = new TwilioFake();
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Map<String, Object> props = new HashMap<>(ns.springProperties());
        props.putAll(TestTokens.properties());
        props.putAll(twilio.properties());
        props.put("spring.mail.host", "127.0.0.1");
        props.put("spring.mail.port", mail.getSmtp().getPort());
        props.put("server.port", 0);
        props.put("pulse.notifier.delivery.threads", opts.get("threads"));
        props.put("pulse.notifier.delivery.poll-interval", "50ms");
        props.put("spring.datasource.hikari.maximum-pool-size", opts.get("threads") + 8);
        props.put("logging.level.root", "WARN");
        // System properties, not the builder's defaults: those rank below application.yml.
        props.forEach((k, v) -> System.setProperty(k, String.valueOf(v)));
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PulseNotifierApplication.class).run();
        int exit = 0;
        try {
            int port = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            System.out.printf("settings clients=%d cells=%d sends=%d accounts=%d threads=%d cpus=%d%n", clients,
                    opts.get("cells"), opts.get("sends"), opts.get("accounts"), opts.get("threads"),
                    Runtime.getRuntime().availableProcessors());
            fanout(ns, port, clients, opts.get("cells"));
            sends(app, opts.get("sends"));
            dormant(app, opts.get("accounts"));
        } catch (Exception e) {
            e.printStackTrace();
            System.out.println("failed " + e);
            exit = 1;
        } finally {
            app.close();
            twilio.stop();
            mail.stop();
            drop(ns);
        }
        // WireMock, the STOMP clients' schedulers and Kafka leave non-daemon threads behind
        System.exit(exit);
    }

    private static void fanout(TestNamespace ns, int port, int clients, int cells) throws Exception {
        String topic = Topics.AGG_FUNNEL.qualified(ns.topicPrefix());
        String token = TestTokens.token("bench-" + UUID.randomUUID(), List.of("EXECUTIVE"), null, "Asia/Shanghai");
        AtomicLong frames = new AtomicLong();
        AtomicLong last = new AtomicLong();
        AtomicLong probed = new AtomicLong();
        List<StompSession> sessions = new ArrayList<>();
        try (StompClients stomp = new StompClients(port);
             KafkaProducer<String, byte[]> producer = producer(ns)) {
            long t = System.nanoTime();
            // Connected side by side, as a crowd of browsers would; a sequential loop only measures round trips.
            StompHeaders connectHeaders = new StompHeaders();
            connectHeaders.add("Authorization", "Bearer " + token);
            List<StompClients.Attempt> attempts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                attempts.add(stomp.attempt(connectHeaders));
            }
            for (int i = 0; i < clients; i++) {
                StompSession session = connected(attempts.get(i), i);
                boolean[] seenProbe = {false};
                session.subscribe("/topic/agg/funnel/COMPANY/company", new StompFrameHandler() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return byte[].class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        if (new String((byte[]) payload).contains("\"stage\":\"PROBE\"")) {
                            if (!seenProbe[0]) {
                                seenProbe[0] = true;
                                probed.incrementAndGet();
                            }
                            return;
                        }
                        frames.incrementAndGet();
                        last.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                });
                sessions.add(session);
            }
            System.out.printf("fanout connected %d clients in %.1f s%n", clients, (System.nanoTime() - t) / 1e9);
            // Every subscription registered and the consumer at the topic's end: probe until each client saw one.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (probed.get() < clients && System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, "probe", EventJson.write(cell("PROBE", 0))));
                Thread.sleep(500);
            }
            Thread.sleep(1000); // the last probes drain before the measured burst
            frames.set(0);
            long expected = (long) cells * clients;
            long start = System.nanoTime();
            for (int i = 1; i <= cells; i++) {
                FunnelChanged cell = cell("QUALIFICATION", i);
                producer.send(new ProducerRecord<>(topic, cell.key(), EventJson.write(cell)));
            }
            producer.flush();
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (frames.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double seconds = (last.get() - start) / 1e9;
            long connected = sessions.stream().filter(StompSession::isConnected).count();
            System.out.printf("fanout clients=%d cells=%d frames=%d/%d seconds=%.2f msgs_per_s=%.0f still_connected=%d%n",
                    clients, cells, frames.get(), expected, seconds, frames.get() / seconds, connected);
            sessions.forEach(s -> {
                if (s.isConnected()) {
                    s.disconnect();
                }
            });
        }
    }

    private static StompSession connected(StompClients.Attempt attempt, int index) {
        try {
            return attempt.session.get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("client " + index + " could not connect: errors " + attempt.errors
                    + ", transport " + attempt.transportErrors, e);
        }
    }

    private static void sends(ConfigurableApplicationContext app, int n) throws Exception {
        Deliveries deliveries = app.getBean(Deliveries.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        TransactionTemplate tx = new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
        for (Channel channel : List.of(Channel.SMS, Channel.EMAIL)) {
            String rule = "bench-" + channel + "-" + UUID.randomUUID();
            tx.executeWithoutResult(status -> {
                for (int i = 0; i < n; i++) {
                    String address = channel == Channel.SMS ? String.format("+1555%07d", i) : "r" + i + "@bench.example";
                    deliveries.enqueue(new DeliveryRequest(rule, "contact:" + i, "2026-11-28", channel, "user-" + i,
                            address, i % 2 == 0 ? "en" : "zh-CN", "ALERT",
                            Map.of("title", "Reminder " + i, "body", "Call back account " + i, "link", "/api/v1/accounts/" + i),
                            Provenance.none()));
                }
            });
            long start = System.nanoTime();
            LongSupplier done = () -> jdbc.sql("SELECT count(*) FROM notifier.deliveries WHERE rule = ? AND status IN "
                    + "('SENT', 'FAILED', 'FAILED_PERMANENT')").param(rule).query(Long.class).single();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (done.getAsLong() < n && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long sent = jdbc.sql("SELECT count(*) FROM notifier.deliveries WHERE rule = ? AND status = 'SENT'")
                    .param(rule).query(Long.class).single();
            System.out.printf("sends channel=%s n=%d sent=%d seconds=%.2f sends_per_s=%.0f%n",
                    channel, n, sent, seconds, sent / seconds);
        }
    }

    private static void dormant(ConfigurableApplicationContext app, int accounts) {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        UUID team = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        long t = System.nanoTime();
        jdbc.sql("INSERT INTO public.teams (id, name) VALUES (?, 'Bench')").param(team).update();
        jdbc.sql("INSERT INTO public.users (id, name, email, team_id, roles, time_zone, locale) "
                + "VALUES (?, 'Manager', 'm@bench.example', ?, ARRAY['MANAGER'], 'Asia/Shanghai', 'en')").params(manager, team).update();
        jdbc.sql("UPDATE public.teams SET manager_id = ? WHERE id = ?").params(manager, team).update();
        jdbc.sql("""
                INSERT INTO public.users (id, name, email, team_id, roles, time_zone, locale)
                SELECT md5('rep' || g)::uuid, 'Rep ' || g, 'rep' || g || '@bench.example', ?, ARRAY['REP'], 'Asia/Shanghai', 'en'
                FROM generate_series(1, 50) g""").param(team).update();
        jdbc.sql("""
                INSERT INTO public.accounts (id, name, owner_id, tier)
                SELECT md5('acc' || g)::uuid, 'Account ' || g, md5('rep' || (g % 50 + 1))::uuid, 'B'
                FROM generate_series(1, ?) g""").param(accounts).update();
        // 3 activities per account; 90 % completed at a random moment of the last year, the rest open
        jdbc.sql("""
                INSERT INTO public.activities (id, type, subject, account_id, owner_id, due_at, completed_at, created_at, updated_at, version)
                SELECT gen_random_uuid(), 'CALL', 'Call', md5('acc' || a)::uuid, md5('rep' || (a % 50 + 1))::uuid, now(),
                       CASE WHEN random() < 0.9 THEN now() - random() * interval '365 days' END, now(), now(), 1
                FROM generate_series(1, ?) a, generate_series(1, 3) k""").param(accounts).update();
        jdbc.sql("ANALYZE public.accounts").update();
        jdbc.sql("ANALYZE public.activities").update();
        System.out.printf("dormant seeded %d accounts, %d activities in %.1f s%n", accounts, accounts * 3,
                (System.nanoTime() - t) / 1e9);
        BuiltInQuery query = app.getBeansOfType(BuiltInQuery.class).values().stream()
                .filter(q -> q.type() == RuleType.DORMANT_CUSTOMERS).findFirst().orElseThrow();
        Scopes scopes = app.getBean(Scopes.class);
        Map<String, Scope> cases = new java.util.LinkedHashMap<>();
        cases.put("company", Scope.everything());
        cases.put("manager-50-reps", scopes.of(manager.toString(), List.of("MANAGER")));
        String rep = jdbc.sql("SELECT md5('rep1')::uuid::text").query(String.class).single();
        cases.put("one-rep", scopes.of(rep, List.of("REP")));
        Instant at = Instant.now();
        cases.forEach((name, scope) -> {
            double[] seconds = new double[3];
            int matches = 0;
            for (int run = 0; run < seconds.length; run++) {
                long start = System.nanoTime();
                matches = query.run("bench", "bench", Map.of("days", 90), scope, at, ZoneId.of("Asia/Shanghai"), Lines.of("en")).matches().size();
                seconds[run] = (System.nanoTime() - start) / 1e9;
            }
            Arrays.sort(seconds);
            System.out.printf("dormant scope=%s matches=%d runs=3 min_s=%.2f median_s=%.2f max_s=%.2f%n",
                    name, matches, seconds[0], seconds[1], seconds[2]);
        });
    }

    private static FunnelChanged cell(String stage, long n) {
        return new FunnelChanged(FunnelChanged.COMPANY, "company", stage, n, BigDecimal.valueOf(n * 100, 2),
                BigDecimal.valueOf(n * 50, 2), Instant.now());
    }

    private static KafkaProducer<String, byte[]> producer(TestNamespace ns) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ns.kafkaBootstrap(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static void createTopics(TestNamespace ns) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ns.kafkaBootstrap()))) {
            admin.createTopics(List.of(Topics.AGG_FUNNEL, Topics.AGG_FORECAST, Topics.AGG_KPIS).stream()
                    .map(t -> new NewTopic(t.qualified(ns.topicPrefix()), 2, (short) 1)).toList()).all().get(30, TimeUnit.SECONDS);
        }
    }

    // The namespace's database is throw-away: 100,000 accounts should not stay on the devstack.
    private static void drop(TestNamespace ns) {
        try (Connection c = DriverManager.getConnection(Devstack.get().pgUrl()); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + ns.pgDatabase() + " WITH (FORCE)");
        } catch (Exception e) {
            System.err.println("could not drop " + ns.pgDatabase() + ": " + e.getMessage());
        }
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> opts = new HashMap<>(Map.of("clients", 1000, "cells", 100, "sends", 2000,
                "accounts", 100_000, "threads", 16));
        for (int i = 0; i + 1 < args.length; i += 2) {
            String name = args[i].replaceFirst("^--", "");
            if (!opts.containsKey(name)) {
                throw new IllegalArgumentException("unknown option " + args[i] + " (known: " + opts.keySet() + ")");
            }
            opts.put(name, Integer.parseInt(args[i + 1]));
        }
        return opts;
    }
}
