package com.pulse.api.demo;

import com.pulse.api.opportunity.CreateOpportunity;
import com.pulse.api.opportunity.OpportunityService;
import com.pulse.api.opportunity.UpdateOpportunity;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads the demo company on first start (when there are no opportunities yet), then hands
 * over to the {@link TrafficSimulator}. Opportunities go through {@link OpportunityService},
 * so every one of them has its events on Kafka, exactly like API traffic.
 */
@Component
@ConditionalOnProperty(name = "pulse.api.demo.enabled", havingValue = "true")
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String ACTOR = "demo";
    private static final String[] CURRENCIES = {"CNY", "CNY", "CNY", "CNY", "CNY", "CNY", "CNY", "USD", "USD", "EUR", "HKD"};
    private static final String[] PRODUCTS = {"ERP rollout", "CRM licences", "Data platform", "Support renewal",
            "Cloud migration", "Analytics suite", "Factory IoT", "Security audit", "Training programme", "Hardware refresh"};

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final OpportunityService opportunities;
    private final DemoProperties properties;
    private final TrafficSimulator simulator;
    private final Random random = new Random(20261127);
    private volatile reactor.core.Disposable loading;

    DemoData(DatabaseClient db, TransactionalOperator tx, OpportunityService opportunities, DemoProperties properties,
             TrafficSimulator simulator) {
        this.db = db;
        this.tx = tx;
        this.opportunities = opportunities;
        this.properties = properties;
        this.simulator = simulator;
    }

    /**
     * Loads in the background: the service reports healthy at once and the dataset streams
     * in through the outbox like live traffic (the funnel fills up within seconds).
     */
    @Override
    public void run(ApplicationArguments args) {
        loading = db.sql("SELECT count(*) AS n FROM opportunities").map(r -> r.get("n", Long.class)).one()
                .flatMap(existing -> {
                    if (existing > 0) {
                        log.info("Demo data: {} opportunities already present, nothing loaded", existing);
                        return Mono.empty();
                    }
                    return load();
                })
                .doFinally(signal -> simulator.start())
                .subscribe(null, e -> log.error("Demo data could not be loaded", e));
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (loading != null) {
            loading.dispose();
        }
    }

    private Mono<Void> load() {
        long started = System.nanoTime();
        DemoOrganisation org = new DemoOrganisation();
        log.info("Demo data: loading 6 teams, 40 users, 300 accounts and {} opportunities", properties.opportunities());
        return tx.transactional(org.insert(db, random, 40, 300))
                .thenMany(Flux.range(0, properties.opportunities()).map(i -> plan(org)).flatMap(this::loadOne, 8))
                .reduce(0L, Long::sum)
                .doOnNext(moves -> log.info(
                        "Demo data loaded in {} ms: 6 teams, {} users, {} accounts, {} opportunities ({} stage changes)",
                        (System.nanoTime() - started) / 1_000_000, org.users.size(), org.accounts.size(),
                        properties.opportunities(), moves))
                .then();
    }

    /** What one demo opportunity looks like and which stage it has reached. */
    private record Plan(CreateOpportunity create, List<String> path) {
    }

    private Plan plan(DemoOrganisation org) {
        int a = random.nextInt(org.accounts.size());
        UUID owner = random.nextInt(10) < 8 ? org.accountOwners.get(a) : org.users.get(random.nextInt(org.users.size()));
        // Log-uniform between 20k and 5M: many small deals, a few big ones.
        double amount = Math.exp(Math.log(20_000) + random.nextDouble() * (Math.log(5_000_000) - Math.log(20_000)));
        String currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        if (!currency.equals("CNY")) {
            amount /= 7;
        }
        LocalDate close = LocalDate.now().plusDays(random.nextInt(240) - 45);
        CreateOpportunity create = new CreateOpportunity(
                PRODUCTS[random.nextInt(PRODUCTS.length)] + " #" + (1000 + random.nextInt(9000)),
                BigDecimal.valueOf(amount).setScale(-2, RoundingMode.HALF_UP).setScale(2, RoundingMode.UNNECESSARY),
                currency, "PROSPECTING", null, close, org.accounts.get(a), owner);
        return new Plan(create, path());
    }

    /** A funnel shape: most deals stay early, fewer get far, some are won or lost. */
    private List<String> path() {
        List<PipelineStage> open = Pipeline.DEFAULT.openStages();
        int roll = random.nextInt(100);
        int reached = roll < 35 ? 0 : roll < 60 ? 1 : roll < 77 ? 2 : roll < 90 ? 3 : 4;
        List<String> path = new java.util.ArrayList<>(open.subList(1, reached + 1).stream().map(PipelineStage::name).toList());
        int outcome = random.nextInt(100);
        if (outcome < 12) {
            path.add("CLOSED_WON");
        } else if (outcome < 20) {
            path.add("CLOSED_LOST");
        }
        return path;
    }

    private Mono<Long> loadOne(Plan plan) {
        return opportunities.create(plan.create(), ACTOR)
                .flatMap(created -> Flux.fromIterable(plan.path())
                        .concatMap(stage -> opportunities.update(created.id(),
                                new UpdateOpportunity(null, stage, null, null, null, null, null), null, ACTOR))
                        .count());
    }
}
