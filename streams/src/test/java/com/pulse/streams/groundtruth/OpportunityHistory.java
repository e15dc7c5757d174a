package com.pulse.streams.groundtruth;

import com.pulse.events.Operation;
import com.pulse.events.OpportunityChanged;
import com.pulse.events.OpportunitySnapshot;
import com.pulse.events.Pipeline;
import com.pulse.events.PipelineStage;
import com.pulse.events.StageKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A CRM's worth of opportunity changes, as the API would have stored and published them: every opportunity's
 * versions in order (1, 2, 3…), each a full snapshot. The changes are the ones users make: moves forward and
 * back, wins, losses, reopening, deletes and restores, amount, currency, owner, expected date, probability and
 * forecast category overrides. Deterministic for a seed.
 *
 * <p>Expected close dates lie in 2027 and later, so no open deal is overdue (the overdue rule of METRICS.md
 * §Forecast then moves nothing). Some wins close at 23:30 UTC on 30 November 2026, which is December in the
 * company's Asia/Shanghai.
 */
public final class OpportunityHistory {

    static final Pipeline PIPELINE = Pipeline.DEFAULT;
    /** Base currency CNY; the rate in force when the amount was written (amountBase is converted at write time). */
    static final Map<String, BigDecimal> RATES = Map.of("CNY", BigDecimal.ONE, "USD", new BigDecimal("7.1234"),
            "EUR", new BigDecimal("7.7021"), "JPY", new BigDecimal("0.0478"));
    static final List<String> CURRENCIES = List.of("CNY", "USD", "EUR", "JPY");
    static final List<String> CATEGORIES = List.of("PIPELINE", "BEST_CASE", "COMMIT", "OMITTED");
    private static final Instant START = Instant.parse("2026-06-01T01:00:00Z");
    private static final Instant LATE_NOVEMBER = Instant.parse("2026-11-30T23:30:00Z");
    /** Closings up to 120 days before the run, so the KPI periods and the trailing 90 days have wins and losses. */
    private static final Instant RECENT = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);

    private final Random random;
    private final List<UUID> owners;
    final List<List<OpportunityChanged>> perOpportunity = new ArrayList<>();

    private OpportunityHistory(long seed, int owners) {
        this.random = new Random(seed);
        this.owners = new ArrayList<>();
        for (int i = 0; i < owners; i++) {
            this.owners.add(new UUID(seed, i + 1));
        }
    }

    /** {@code opportunities} histories with {@code changes} versions after the creations, spread at random. */
    public static OpportunityHistory generate(long seed, int opportunities, int changes, int owners) {
        OpportunityHistory h = new OpportunityHistory(seed, owners);
        for (int i = 0; i < opportunities; i++) {
            h.perOpportunity.add(new ArrayList<>(List.of(h.created(i))));
        }
        for (int c = 0; c < changes; c++) {
            List<OpportunityChanged> versions = h.perOpportunity.get(h.random.nextInt(opportunities));
            versions.add(h.change(versions.get(versions.size() - 1)));
        }
        return h;
    }

    List<UUID> owners() {
        return owners;
    }

    public int events() {
        return perOpportunity.stream().mapToInt(List::size).sum();
    }

    /** The final snapshot of every opportunity: what the API's opportunities table holds. */
    List<OpportunitySnapshot> finalSnapshots() {
        return perOpportunity.stream().map(v -> v.get(v.size() - 1).snapshot()).toList();
    }

    private OpportunityChanged created(int n) {
        UUID id = new UUID(0x6f70700000000000L | n, random.nextLong());
        PipelineStage stage = random.nextInt(4) == 0 ? pick(PIPELINE.openStages()) : PIPELINE.openStages().get(0);
        String currency = pick(CURRENCIES);
        BigDecimal amount = BigDecimal.valueOf(10_000 + random.nextInt(100_000_000), 2);
        Instant at = START.plus(Duration.ofMinutes(n));
        OpportunitySnapshot s = new OpportunitySnapshot(id, new UUID(1, random.nextInt(2_000)), owner(), "Deal " + n, stage.name(),
                amount, currency, base(amount, currency), stage.probability(), stage.defaultForecastCategory(), closeDate(),
                null, at, at, false, 1);
        return new OpportunityChanged(new UUID(2, (long) n << 20), id, 1, Operation.CREATED, "user-" + n % 50, at, s);
    }

    private OpportunityChanged change(OpportunityChanged last) {
        OpportunitySnapshot o = last.snapshot();
        Snapshot s = new Snapshot(o);
        Operation operation = Operation.UPDATED;
        PipelineStage stage = PIPELINE.stage(o.stage()).orElseThrow();
        if (o.deleted()) {
            s.deleted = false;
            operation = Operation.RESTORED;
        } else {
            int roll = random.nextInt(100);
            if (roll < 30) {
                moveTo(s, neighbour(stage));                     // forward or back by one
            } else if (roll < 38) {
                moveTo(s, PIPELINE.stage("CLOSED_WON").orElseThrow());
            } else if (roll < 44) {
                moveTo(s, PIPELINE.stage("CLOSED_LOST").orElseThrow());
            } else if (roll < 50) {
                moveTo(s, pick(PIPELINE.openStages()));          // reopen, or jump
            } else if (roll < 56) {
                s.deleted = true;
                operation = Operation.DELETED;
            } else if (roll < 66) {
                s.amount = BigDecimal.valueOf(10_000 + random.nextInt(100_000_000), 2);
                s.amountBase = base(s.amount, s.currency);
            } else if (roll < 72) {
                s.currency = pick(CURRENCIES);
                s.amountBase = base(s.amount, s.currency);
            } else if (roll < 82) {
                s.ownerId = owner();
            } else if (roll < 90) {
                s.expectedCloseDate = closeDate();
            } else if (roll < 95 && stage.isOpen()) {
                s.probability = random.nextInt(101);
            } else if (stage.isOpen()) {
                s.forecastCategory = pick(CATEGORIES);
            } else {
                s.expectedCloseDate = closeDate();
            }
        }
        long version = o.version() + 1;
        Instant at = o.updatedAt().plus(Duration.ofMinutes(1 + random.nextInt(60 * 24)));
        OpportunitySnapshot next = s.toSnapshot(at, version);
        return new OpportunityChanged(new UUID(2, last.eventId().getLeastSignificantBits() + 1), o.id(), version, operation,
                "user-" + random.nextInt(50), at, next);
    }

    private void moveTo(Snapshot s, PipelineStage stage) {
        s.stage = stage.name();
        s.probability = stage.probability();
        s.forecastCategory = stage.defaultForecastCategory();
        if (stage.isOpen()) {
            s.closedAt = null;
        } else {
            int kind = random.nextInt(5);
            s.closedAt = stage.kind() == StageKind.WON && kind == 0 ? LATE_NOVEMBER
                    : kind <= 2 ? RECENT.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 120)))
                    : Instant.parse("2026-12-01T00:00:00Z").plus(Duration.ofMinutes(random.nextInt(60 * 24 * 200)));
        }
    }

    private PipelineStage neighbour(PipelineStage stage) {
        List<PipelineStage> open = PIPELINE.openStages();
        int i = open.indexOf(stage);
        if (i < 0) {
            return open.get(open.size() - 1);                    // a closed deal reopens in the last open stage
        }
        int j = i == 0 ? 1 : i == open.size() - 1 ? i - 1 : i + (random.nextBoolean() ? 1 : -1);
        return open.get(j);
    }

    private UUID owner() {
        return random.nextInt(20) == 0 ? null : owners.get(random.nextInt(owners.size()));
    }

    private LocalDate closeDate() {
        return LocalDate.of(2027, 1, 1).plusDays(random.nextInt(270));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static BigDecimal base(BigDecimal amount, String currency) {
        return amount.multiply(RATES.get(currency)).setScale(2, RoundingMode.HALF_UP);
    }

    /** A mutable copy, so each change states only what it changes. */
    private static final class Snapshot {
        final OpportunitySnapshot o;
        UUID ownerId;
        String stage;
        BigDecimal amount;
        String currency;
        BigDecimal amountBase;
        int probability;
        String forecastCategory;
        LocalDate expectedCloseDate;
        Instant closedAt;
        boolean deleted;

        Snapshot(OpportunitySnapshot o) {
            this.o = o;
            ownerId = o.ownerId();
            stage = o.stage();
            amount = o.amount();
            currency = o.currency();
            amountBase = o.amountBase();
            probability = o.probability();
            forecastCategory = o.forecastCategory();
            expectedCloseDate = o.expectedCloseDate();
            closedAt = o.closedAt();
            deleted = o.deleted();
        }

        OpportunitySnapshot toSnapshot(Instant updatedAt, long version) {
            return new OpportunitySnapshot(o.id(), o.accountId(), ownerId, o.name(), stage, amount, currency, amountBase,
                    probability, forecastCategory, expectedCloseDate, closedAt, o.createdAt(), updatedAt, deleted, version);
        }
    }
}
