package com.pulse.api.demo;

import com.pulse.api.opportunity.CreateOpportunity;
import com.pulse.api.opportunity.OpportunityService;
import com.pulse.api.opportunity.UpdateOpportunity;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Gentle live traffic for the demo: every tick one change, mostly a deal moving a stage
 * forward, sometimes back, sometimes won or lost, sometimes a new deal.
 */
@Component
@ConditionalOnProperty(name = "pulse.api.demo.enabled", havingValue = "true")
class TrafficSimulator {

    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);
    private static final List<String> OPEN = Pipeline.DEFAULT.openStages().stream().map(PipelineStage::name).toList();

    private final DatabaseClient db;
    private final OpportunityService opportunities;
    private final DemoProperties properties;
    private final Random random = new Random();
    private volatile Disposable running;
    private volatile Instant since = Instant.EPOCH;

    TrafficSimulator(DatabaseClient db, OpportunityService opportunities, DemoProperties properties) {
        this.db = db;
        this.opportunities = opportunities;
        this.properties = properties;
    }

    /**
     * @param since only deals changed since then are moved, so the simulator never races the loader for
     *              the (back-dated) deals it is still writing; it creates its own deals to move meanwhile
     */
    void start(Instant since) {
        this.since = since;
        running = Flux.interval(properties.tick())
                .onBackpressureDrop()
                .concatMap(tick -> step().onErrorResume(e -> {
                    // A lost race with a user (409) or a moment without a database is fine for a simulator.
                    log.debug("Simulator step failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
        log.info("Traffic simulator started: one change every {}", properties.tick());
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    private Mono<Void> step() {
        int roll = random.nextInt(100);
        if (roll < 10) {
            return create();
        }
        return randomOpenDeal().switchIfEmpty(create().then(Mono.empty())).flatMap(deal -> {
            int index = OPEN.indexOf(deal.stage());
            String next;
            if (roll < 60) {
                next = index + 1 < OPEN.size() ? OPEN.get(index + 1) : "CLOSED_WON";
            } else if (roll < 75) {
                next = index > 0 ? OPEN.get(index - 1) : OPEN.get(1);
            } else if (roll < 90) {
                next = "CLOSED_WON";
            } else {
                next = "CLOSED_LOST";
            }
            log.debug("Simulator: {} {} -> {}", deal.id(), deal.stage(), next);
            return opportunities.update(deal.id(), new UpdateOpportunity(null, next, null, null, null, null, null),
                    deal.version(), DemoLoader.ACTOR).then();
        });
    }

    private record Deal(UUID id, String stage, long version) {
    }

    private Mono<Deal> randomOpenDeal() {
        return db.sql("""
                        SELECT id, stage, version FROM opportunities
                        WHERE deleted_at IS NULL AND stage IN ('PROSPECTING', 'QUALIFICATION', 'NEEDS_ANALYSIS', 'PROPOSAL', 'NEGOTIATION')
                          AND updated_at >= :since
                        ORDER BY random() LIMIT 1""")
                .bind("since", since.atOffset(java.time.ZoneOffset.UTC))
                .map(r -> new Deal(r.get("id", UUID.class), r.get("stage", String.class), r.get("version", Long.class)))
                .one();
    }

    private Mono<Void> create() {
        return db.sql("SELECT id, owner_id FROM accounts ORDER BY random() LIMIT 1")
                .map(r -> new UUID[] {r.get("id", UUID.class), r.get("owner_id", UUID.class)})
                .one()
                .flatMap(account -> opportunities.create(new CreateOpportunity(
                        "New deal #" + (10000 + random.nextInt(90000)),
                        BigDecimal.valueOf(10_000 + random.nextInt(490) * 1000L).setScale(2),
                        "CNY", "PROSPECTING", null, LocalDate.now().plusDays(30 + random.nextInt(150)),
                        account[0], account[1]), DemoLoader.ACTOR))
                .then();
    }
}
