package com.pulse.api.demo;

import com.pulse.api.system.CompanyProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Loads the demo company ({@link DemoPlan}) on first start, in the background: the API reports
 * healthy at once and the dataset streams through the outbox like live traffic. Order: teams and
 * users (then the sign-in file), accounts and contacts, then the {@link TrafficSimulator} starts while
 * two years of deals, tasks and targets load behind it.
 */
@Component
@ConditionalOnProperty(name = "pulse.api.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final DatabaseClient db;
    private final DemoLoader loader;
    private final DemoProperties properties;
    private final CompanyProperties company;
    private final TrafficSimulator simulator;
    private volatile Disposable loading;

    DemoData(DatabaseClient db, DemoLoader loader, DemoProperties properties, CompanyProperties company,
             TrafficSimulator simulator) {
        this.db = db;
        this.loader = loader;
        this.properties = properties;
        this.company = company;
        this.simulator = simulator;
    }

    @Override
    public void run(ApplicationArguments args) {
        loading = alreadyLoaded()
                .flatMap(loaded -> {
                    if (loaded) {
                        log.info("Demo data: the demo company is already in this database, nothing loaded"
                                + " (sign-in: {})", properties.loginsFile());
                        simulator.start(Instant.EPOCH);
                        return Mono.empty();
                    }
                    return load();
                })
                .subscribe(null, e -> log.error("Demo data could not be loaded", e));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }

    /** A database with the demo's department or any deal is left as it is (a restart keeps its data). */
    private Mono<Boolean> alreadyLoaded() {
        return db.sql("SELECT EXISTS (SELECT 1 FROM teams WHERE name = :root) OR EXISTS (SELECT 1 FROM opportunities) AS loaded")
                .bind("root", DemoPlan.ROOT_TEAM)
                .map(r -> Boolean.TRUE.equals(r.get("loaded", Boolean.class))).one();
    }

    Mono<Void> load() {
        long started = System.nanoTime();
        Instant now = Instant.now();
        DemoPlan plan = DemoPlan.generate(properties.seed(), properties.scale(), now, company.timeZone());
        String password = DemoLogins.newPassword(new SecureRandom());
        DemoLoader.Written written = new DemoLoader.Written();
        int concurrency = Math.max(1, properties.loadConcurrency());
        log.info("Demo data: loading {} teams, {} users, {} accounts, {} contacts, {} opportunities, {} tasks, {} targets"
                        + " ({} writes, {} at a time)", plan.teams.size(), plan.users.size(), plan.accounts.size(),
                plan.contacts.size(), plan.opportunities.size(), plan.tasks.size(), plan.targets.size(), plan.writes(), concurrency);
        Disposable progress = loader.progress(plan, written, Duration.ofSeconds(10));
        return loader.organisation(plan, password, written)
                .then(Mono.fromCallable(() -> {
                    if (properties.loginsFile() != null) {
                        DemoLogins.write(properties.loginsFile(), password, plan);
                        log.info("Demo data: {} users can sign in; usernames and password in {}", plan.users.size(), properties.loginsFile());
                    }
                    return true;
                }).subscribeOn(Schedulers.boundedElastic()))
                .then(loader.customers(plan, written, concurrency))
                .then(Mono.fromRunnable(() -> {
                    log.info("Demo data: organisation and customers loaded in {} ms", elapsedMs(started));
                    simulator.start(now);
                }))
                .then(loader.deals(plan, written, concurrency))
                .then(loader.plans(plan, written, concurrency))
                .then(Mono.fromCallable(() -> {
                    long ms = elapsedMs(started);
                    log.info("Demo data loaded in {} ms: {} writes ({} writes/s), {} opportunities", ms, written.writes.get(),
                            written.writes.get() * 1000 / Math.max(1, ms), written.opportunities.get());
                    markLoaded(ms, written.writes.get());
                    return true;
                }).subscribeOn(Schedulers.boundedElastic()))
                .doFinally(signal -> progress.dispose())
                .then();
    }

    /** {@code ./pulse demo} reports the time to the full dataset from this line. */
    private void markLoaded(long ms, long writes) throws IOException {
        if (properties.loginsFile() != null) {
            Files.writeString(properties.loginsFile(), "loaded=" + Instant.now() + " ms=" + ms + " writes=" + writes + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
