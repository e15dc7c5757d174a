package com.pulse.streams.kpis;

import com.pulse.events.ActivityFact;
import com.pulse.events.ActivitySnapshot;
import com.pulse.events.EventJson;
import com.pulse.events.KpiChanged;
import com.pulse.events.LeadFact;
import com.pulse.events.LeadSnapshot;
import com.pulse.events.OwnerTeams;
import com.pulse.events.TargetSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The KPI task (METRICS.md §KPIs): one instance holds every record's current contribution, the owners' team paths, the
 * targets, and per scope the day, month and "now" cells; it turns changed scopes into {@link KpiChanged} messages.
 *
 * <ul>
 *   <li><b>Records</b> (opportunity, lead, activity, account versions) are version-filtered: an older or equal version
 *   is dropped. A newer one takes back its old contribution and adds its new one — to the owner, every team on the
 *   owner's path and the company — so a won deal reopened or deleted stops counting, and one restored counts again.</li>
 *   <li><b>Owner moves</b> (pulse.agg.owner-teams.v1): all of the owner's cells leave the teams it left and enter the
 *   teams it joined, so a team's KPIs are those of its current members (as the forecast's team scopes).</li>
 *   <li><b>Emission</b> is batched: a change marks its scopes dirty, and a wall-clock punctuation (every
 *   {@code flush}) recomputes each dirty scope's four periods from a few cells and publishes those that differ from
 *   what was published last. The same punctuation notices midnight in the company zone and marks every scope dirty:
 *   TODAY, the periods and the trailing 90 days move on without a new event.</li>
 * </ul>
 */
final class KpiProcessor implements Processor<String, KpiInput, String, KpiOutput> {

    static final String RECORDS = "kpi-records";
    static final String PATHS = "kpi-owner-paths";
    static final String CELLS = "kpi-cells";
    static final String TARGETS = "kpi-targets";
    static final String SCOPES = "kpi-scopes";
    static final String DIRTY = "kpi-dirty";
    static final String EMITTED = "kpi-emitted";
    static final String CLOCK = "kpi-clock";
    static final List<String> STORES = List.of(RECORDS, PATHS, CELLS, TARGETS, SCOPES, DIRTY, EMITTED, CLOCK);

    static final String COMPANY = "COMPANY:company";
    private static final int TRAILING_DAYS = 90;
    private static final StringSerializer KEYS = new StringSerializer();

    private final Contributions contributions;
    private final java.time.ZoneId zone;
    private final Duration flush;
    private ProcessorContext<String, KpiOutput> context;
    private KeyValueStore<String, RecordState> records;
    private KeyValueStore<String, OwnerTeams> paths;
    private KeyValueStore<String, KpiCell> cells;
    private KeyValueStore<String, String> targets;
    private KeyValueStore<String, String> scopes;
    private KeyValueStore<String, String> dirty;
    private KeyValueStore<String, String> emitted;
    private KeyValueStore<String, String> clock;

    KpiProcessor(Contributions contributions, java.time.ZoneId zone, Duration flush) {
        this.contributions = contributions;
        this.zone = zone;
        this.flush = flush;
    }

    @Override
    public void init(ProcessorContext<String, KpiOutput> context) {
        this.context = context;
        records = context.getStateStore(RECORDS);
        paths = context.getStateStore(PATHS);
        cells = context.getStateStore(CELLS);
        targets = context.getStateStore(TARGETS);
        scopes = context.getStateStore(SCOPES);
        dirty = context.getStateStore(DIRTY);
        emitted = context.getStateStore(EMITTED);
        clock = context.getStateStore(CLOCK);
        context.schedule(flush, PunctuationType.WALL_CLOCK_TIME, this::flush);
    }

    @Override
    public void process(Record<String, KpiInput> record) {
        KpiInput in = record.value();
        if (in.ownerTeams() != null) {
            moveOwner(in.ownerTeams());
            return;
        }
        String key = in.recordKey();
        RecordState old = records.get(key);
        if (old != null && in.version() <= old.version()) {
            return; // a duplicate or a late older version: normal input, dropped
        }
        if (in.target() != null) {
            applyTarget(key, in.target(), in.version(), old);
            return;
        }
        Contribution before = old == null ? Contribution.NONE : old.contribution();
        Instant disqualifiedAt = null;
        Contribution after;
        if (in.opportunity() != null) {
            after = contributions.of(in.opportunity());
        } else if (in.lead() != null) {
            LeadSnapshot lead = in.lead();
            if ("DISQUALIFIED".equals(lead.status())) {
                disqualifiedAt = old != null && old.disqualifiedAt() != null ? old.disqualifiedAt() : lead.updatedAt();
            }
            after = contributions.of(lead, disqualifiedAt);
            forward(record.timestamp(), lead.id().toString(), new KpiOutput(null, leadFact(lead, in.version(), disqualifiedAt), null));
        } else if (in.activity() != null) {
            after = contributions.of(in.activity());
            forward(record.timestamp(), in.activity().id().toString(), new KpiOutput(null, null, activityFact(in.activity(), in.version())));
        } else {
            after = contributions.of(in.account());
        }
        if (java.util.Objects.equals(before.ownerId(), after.ownerId())) {
            apply(delta(before, after), 1);
        } else {
            apply(before, -1);
            apply(after, 1);
        }
        records.put(key, new RecordState(in.version(), after, disqualifiedAt, null));
    }

    /**
     * What changes between two contributions of one owner, bucket by bucket; buckets that do not change are left out,
     * so most versions (a stage move, an edit) touch one or two cells instead of taking back and re-adding all of them.
     */
    private static Contribution delta(Contribution before, Contribution after) {
        Map<String, KpiCell> changed = new HashMap<>();
        after.buckets().forEach((bucket, cell) -> changed.put(bucket, cell.minus(before.buckets().getOrDefault(bucket, KpiCell.EMPTY))));
        before.buckets().forEach((bucket, cell) -> changed.putIfAbsent(bucket, KpiCell.EMPTY.minus(cell)));
        changed.values().removeIf(KpiCell::changesNothing);
        return new Contribution(after.ownerId(), changed);
    }

    /** Adds (sign 1) or takes back (sign −1) a contribution from every scope of its owner; day cells also feed their month. */
    private void apply(Contribution c, int sign) {
        if (c.buckets().isEmpty()) {
            return;
        }
        for (String scope : scopesOf(c.ownerId())) {
            c.buckets().forEach((bucket, cell) -> {
                add(scope + "|" + bucket, cell, sign);
                if (bucket.startsWith("D:")) {
                    add(scope + "|M:" + bucket.substring(2, 9), cell, sign);
                }
            });
            touch(scope);
        }
    }

    private List<String> scopesOf(String ownerId) {
        List<String> s = new ArrayList<>();
        s.add(COMPANY);
        if (ownerId != null) {
            s.add("OWNER:" + ownerId);
            for (UUID team : teamsOf(ownerId)) {
                s.add("TEAM:" + team);
            }
        }
        return s;
    }

    private List<UUID> teamsOf(String ownerId) {
        OwnerTeams t = paths.get(ownerId);
        return t == null ? List.of() : t.teamPath();
    }

    private void add(String cellKey, KpiCell cell, int sign) {
        KpiCell current = cells.get(cellKey);
        KpiCell base = current == null ? KpiCell.EMPTY : current;
        cells.put(cellKey, sign > 0 ? base.plus(cell) : base.minus(cell));
    }

    private void touch(String scope) {
        if (dirty.get(scope) == null) {
            dirty.put(scope, "");
        }
        if (scopes.get(scope) == null) {
            scopes.put(scope, "");
        }
    }

    /** Re-attribution: the owner's cells leave the teams it left and enter those it joined. */
    private void moveOwner(OwnerTeams moved) {
        String owner = moved.ownerId().toString();
        List<UUID> before = teamsOf(owner);
        paths.put(owner, moved);
        Set<UUID> left = new LinkedHashSet<>(before);
        moved.teamPath().forEach(left::remove);
        Set<UUID> entered = new LinkedHashSet<>(moved.teamPath());
        before.forEach(entered::remove);
        if (left.isEmpty() && entered.isEmpty()) {
            return;
        }
        String prefix = "OWNER:" + owner + "|";
        List<KeyValue<String, KpiCell>> ownerCells = new ArrayList<>();
        try (KeyValueIterator<String, KpiCell> it = cells.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(ownerCells::add);
        }
        for (KeyValue<String, KpiCell> kv : ownerCells) {
            String bucket = kv.key.substring(prefix.length());
            left.forEach(team -> add("TEAM:" + team + "|" + bucket, kv.value, -1));
            entered.forEach(team -> add("TEAM:" + team + "|" + bucket, kv.value, 1));
        }
        left.forEach(team -> touch("TEAM:" + team));
        entered.forEach(team -> touch("TEAM:" + team));
    }

    /** Live targets in an index scope|PERIOD_TYPE|period|metric|id → value; a change re-indexes the target. */
    private void applyTarget(String key, TargetSnapshot t, long version, RecordState old) {
        if (old != null && old.targetKey() != null) {
            targets.delete(old.targetKey());
            touch(old.targetKey().substring(0, old.targetKey().indexOf('|')));
        }
        String scope = switch (String.valueOf(t.scopeType())) {
            case "TEAM" -> "TEAM:" + t.scopeId();
            case "USER" -> "OWNER:" + t.scopeId();
            default -> null;
        };
        String index = null;
        if (!t.deleted() && scope != null && KpiFigures.TARGET_METRICS.contains(t.metric())) {
            index = scope + "|" + t.periodType() + "|" + t.period() + "|" + t.metric() + "|" + t.id();
            targets.put(index, t.value().toPlainString());
            touch(scope);
        }
        records.put(key, new RecordState(version, Contribution.NONE, null, index));
    }

    /** The wall-clock punctuation: a new day makes every scope dirty; each dirty scope is recomputed and published. */
    void flush(long now) {
        LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), zone);
        if (!today.toString().equals(clock.get("day"))) {
            try (KeyValueIterator<String, String> it = scopes.all()) {
                it.forEachRemaining(kv -> dirty.put(kv.key, ""));
            }
            clock.put("day", today.toString());
        }
        List<String> todo = new ArrayList<>();
        try (KeyValueIterator<String, String> it = dirty.all()) {
            it.forEachRemaining(kv -> todo.add(kv.key));
        }
        for (String scope : todo) {
            publish(scope, today, now);
            dirty.delete(scope);
        }
    }

    private void publish(String scope, LocalDate today, long now) {
        String type = scope.substring(0, scope.indexOf(':'));
        String id = scope.substring(scope.indexOf(':') + 1);
        KpiCell nowCell = cell(scope + "|" + Contribution.NOW);
        KpiCell trailing = sum(scope + "|D:" + today.minusDays(TRAILING_DAYS - 1), scope + "|D:" + today);
        YearMonth month = YearMonth.from(today);
        // "To date" (METRICS.md): whole months before this one, then this month's days up to today, so a record
        // dated later this month (a forward-dated close) does not count before its day.
        KpiCell monthToDate = sum(scope + "|D:" + month.atDay(1), scope + "|D:" + today);
        for (String period : KpiChanged.PERIODS) {
            YearMonth first = YearMonth.from(KpiFigures.periodStart(period, today));
            KpiCell inPeriod = switch (period) {
                case KpiChanged.TODAY -> cell(scope + "|D:" + today);
                case KpiChanged.MTD -> monthToDate;
                default -> first.isBefore(month)
                        ? sum(scope + "|M:" + first, scope + "|M:" + month.minusMonths(1)).plus(monthToDate) : monthToDate;
            };
            Map<String, BigDecimal> periodTargets = targetsOf(scope, KpiFigures.targetPeriod(period, today));
            KpiChanged unstamped = KpiFigures.of(type, id, period, today, inPeriod, trailing, nowCell, periodTargets, null);
            String fingerprint = EventJson.mapper().valueToTree(unstamped).toString();
            String key = unstamped.key();
            if (fingerprint.equals(emitted.get(key))) {
                continue;
            }
            emitted.put(key, fingerprint);
            forward(now, key, new KpiOutput(KpiFigures.of(type, id, period, today, inPeriod, trailing, nowCell, periodTargets,
                    Instant.ofEpochMilli(now)), null, null));
        }
    }

    private Map<String, BigDecimal> targetsOf(String scope, String targetPeriod) {
        Map<String, BigDecimal> sums = new HashMap<>();
        if (targetPeriod == null) {
            return sums;
        }
        String prefix = scope + "|" + targetPeriod + "|";
        try (KeyValueIterator<String, String> it = targets.prefixScan(prefix, KEYS)) {
            it.forEachRemaining(kv -> {
                String metric = kv.key.substring(prefix.length(), kv.key.indexOf('|', prefix.length()));
                sums.merge(metric, new BigDecimal(kv.value), BigDecimal::add);
            });
        }
        return sums;
    }

    private KpiCell cell(String key) {
        KpiCell c = cells.get(key);
        return c == null ? KpiCell.EMPTY : c;
    }

    /** Σ of the cells from {@code from} to {@code to}, both included (keys sort as their ISO dates). */
    private KpiCell sum(String from, String to) {
        KpiCell total = KpiCell.EMPTY;
        try (KeyValueIterator<String, KpiCell> it = cells.range(from, to)) {
            while (it.hasNext()) {
                total = total.plus(it.next().value);
            }
        }
        return total;
    }

    private LeadFact leadFact(LeadSnapshot s, long version, Instant disqualifiedAt) {
        List<UUID> path = s.ownerId() == null ? List.of() : teamsOf(s.ownerId().toString());
        Instant closedAt = "CONVERTED".equals(s.status()) ? s.convertedAt() : "DISQUALIFIED".equals(s.status()) ? disqualifiedAt : null;
        return new LeadFact(s.id(), version, s.ownerId(), path.isEmpty() ? null : path.get(0), path, s.source(), s.campaignId(), s.status(),
                s.createdAt(), closedAt, s.updatedAt(), s.deleted());
    }

    private ActivityFact activityFact(ActivitySnapshot s, long version) {
        List<UUID> path = s.ownerId() == null ? List.of() : teamsOf(s.ownerId().toString());
        return new ActivityFact(s.id(), version, s.type(), s.ownerId(), path.isEmpty() ? null : path.get(0), path, s.accountId(),
                s.opportunityId(), s.dueAt(), s.completedAt(), s.createdAt(), s.updatedAt(), s.deleted());
    }

    private void forward(long timestamp, String key, KpiOutput out) {
        context.forward(new Record<>(key, out, timestamp));
    }
}
