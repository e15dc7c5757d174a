package com.pulse.streams.dimensions;

import com.pulse.events.EventJson;
import com.pulse.events.ForecastChanged;
import com.pulse.events.ForecastSnapshot;
import com.pulse.events.FunnelChanged;
import com.pulse.events.OwnerTeams;
import com.pulse.streams.dimensions.OrgTree.TeamDim;
import com.pulse.streams.dimensions.OrgTree.UserDim;
import com.pulse.streams.forecast.ForecastCell;
import com.pulse.streams.forecast.ForecastFigures;
import com.pulse.streams.funnel.FunnelCell;
import com.pulse.streams.targets.TargetBook;
import com.pulse.streams.targets.TargetBook.TargetDim;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The one task that sees the whole organisation (its input topic has one partition): it keeps the team tree,
 * the owner and company cells as last published, and the targets, and from them publishes
 * <ul>
 *   <li>TEAM funnel cells: a team's cell is the sum of the owner cells of every owner whose team path contains the
 *       team (its own members and those of its sub-teams);</li>
 *   <li>every forecast cell (COMPANY, TEAM, OWNER) with the target, attainment, gap, coverage and overdue deals;</li>
 *   <li>the monthly freeze and, when a month ended, its error ({@link ForecastSnapshot}).</li>
 * </ul>
 * A user or team change re-attributes at once: the owner's cells leave the teams no longer on its path and enter
 * the new ones (current membership decides, for every deal of the owner, from that change on).
 *
 * <p>The "current month" is the wall clock's month in the company time zone, kept in a store and moved only by the
 * wall-clock punctuation, so every cell of one roll-over is computed against the same month. Open deals of a
 * month before the current one count in the current month (pipeline, weighted, commit, bestCase; their number is
 * {@code overdueCount}); the past month keeps its closedWon only.
 */
final class ScopesProcessor implements Processor<String, ScopeInput, String, ScopeOutput> {

    static final String OWNER_PATHS = "scope-owner-paths";
    static final String FUNNEL_CELLS = "scope-funnel-cells";
    static final String FORECAST_CELLS = "scope-forecast-cells";
    static final String CLOCK = "forecast-clock";
    static final String SNAPSHOTS = "forecast-snapshots";
    static final String CURRENT = "current";
    static final String FROZEN = "frozen";
    private static final String COMPANY_SCOPE = ForecastChanged.COMPANY + ":company";

    /** An owner's team path as the cells were last attributed. */
    record OwnerPath(List<String> teams) {
    }

    private final ZoneId zone;
    private final Duration tick;
    private ProcessorContext<String, ScopeOutput> context;
    private OrgTree tree;
    private TargetBook targets;
    private KeyValueStore<String, OwnerPath> paths;
    private KeyValueStore<String, FunnelCell> funnel;
    private KeyValueStore<String, ForecastCell> forecast;
    private KeyValueStore<String, String> clock;
    private KeyValueStore<String, ForecastSnapshot> snapshots;
    /** See {@link ScopesTopology#FROZEN_THROUGH_CONFIG}; applied at the first wall-clock tick. */
    private YearMonth frozenThrough;
    /** See {@link ScopesTopology#FROZEN_OPEN_CONFIG}; seeded into the snapshot store at the first wall-clock tick. */
    private Path frozenOpen;

    ScopesProcessor(ZoneId zone, Duration tick) {
        this.zone = zone;
        this.tick = tick;
    }

    @Override
    public void init(ProcessorContext<String, ScopeOutput> context) {
        this.context = context;
        KeyValueStore<String, UserDim> users = context.getStateStore(OrgTree.USERS);
        KeyValueStore<String, TeamDim> teams = context.getStateStore(OrgTree.TEAMS);
        tree = new OrgTree(users, teams);
        KeyValueStore<String, TargetDim> byId = context.getStateStore(TargetBook.BY_ID);
        KeyValueStore<String, TargetDim> index = context.getStateStore(TargetBook.INDEX);
        targets = new TargetBook(byId, index);
        paths = context.getStateStore(OWNER_PATHS);
        funnel = context.getStateStore(FUNNEL_CELLS);
        forecast = context.getStateStore(FORECAST_CELLS);
        clock = context.getStateStore(CLOCK);
        snapshots = context.getStateStore(SNAPSHOTS);
        Object frozen = context.appConfigs().get(ScopesTopology.FROZEN_THROUGH_CONFIG);
        frozenThrough = frozen == null || frozen.toString().isBlank() ? null : YearMonth.parse(frozen.toString().trim());
        Object open = context.appConfigs().get(ScopesTopology.FROZEN_OPEN_CONFIG);
        frozenOpen = open == null || open.toString().isBlank() ? null : Path.of(open.toString().trim());
        context.schedule(tick, PunctuationType.WALL_CLOCK_TIME, this::onWallClock);
    }

    @Override
    public void process(Record<String, ScopeInput> record) {
        ScopeInput in = record.value();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        if (in.funnel() != null) {
            ownerFunnelCell(in.cellKey(), in.funnel(), at);
        } else if (in.forecast() != null) {
            forecastCell(in.cellKey(), in.forecast(), at);
        } else if (in.user() != null) {
            if (tree.apply(in.user())) {
                reattribute(at);
            }
        } else if (in.team() != null) {
            if (tree.apply(in.team())) {
                reattribute(at);
                // the top-level teams may have changed, and with them the company's target: every company month with
                // deals or with a team target is republished
                Set<CellRef> company = new LinkedHashSet<>();
                forEachCell(forecast, COMPANY_SCOPE + ":", (key, cell) -> company.add(CellRef.parse(key)));
                targets.teamTargetMonths().forEach(m -> company.add(new CellRef(ForecastChanged.COMPANY, "company", m)));
                company.forEach(ref -> emitForecast(ref, at));
            }
        } else if (in.target() != null) {
            for (TargetBook.Touched t : targets.apply(in.target())) {
                String scopeType = "USER".equals(t.scopeType()) ? ForecastChanged.OWNER : ForecastChanged.TEAM;
                for (YearMonth month : t.months()) {
                    emitForecast(new CellRef(scopeType, t.scopeId(), month), at);
                    if (scopeType.equals(ForecastChanged.TEAM)) {
                        emitForecast(new CellRef(ForecastChanged.COMPANY, "company", month), at);
                    }
                }
            }
        }
    }

    // --- funnel ------------------------------------------------------------------------------------

    private void ownerFunnelCell(String key, FunnelCell cell, Instant at) {
        FunnelCell old = orEmpty(funnel.get(key));
        funnel.put(key, cell);
        CellRef ref = CellRef.parseStage(key);
        FunnelCell delta = cell.minus(old);
        for (String team : path(ref.scopeId())) {
            addFunnel(team, ref.part(), delta, at);
        }
    }

    private void addFunnel(String team, String stage, FunnelCell delta, Instant at) {
        String key = FunnelChanged.key(FunnelChanged.TEAM, team, stage);
        FunnelCell cell = orEmpty(funnel.get(key)).plus(delta);
        funnel.put(key, cell);
        context.forward(new Record<>(key, ScopeOutput.of(new FunnelChanged(FunnelChanged.TEAM, team, stage, cell.count(), cell.amount(),
                cell.weighted(), at)), at.toEpochMilli()));
    }

    // --- forecast ----------------------------------------------------------------------------------

    private void forecastCell(String key, ForecastCell cell, Instant at) {
        ForecastCell old = orEmpty(forecast.get(key));
        forecast.put(key, cell);
        CellRef ref = CellRef.parse(key);
        Set<CellRef> changed = new LinkedHashSet<>();
        changed.add(ref);
        if (ref.scopeType().equals(ForecastChanged.OWNER)) {
            ForecastCell delta = cell.minus(old);
            for (String team : path(ref.scopeId())) {
                CellRef teamCell = new CellRef(ForecastChanged.TEAM, team, ref.month());
                forecast.put(teamCell.key(), orEmpty(forecast.get(teamCell.key())).plus(delta));
                changed.add(teamCell);
            }
        }
        emitWithCurrent(changed, at);
    }

    /** Emits the cells, and for a cell of a past month also its scope's current month (where its open deals count). */
    private void emitWithCurrent(Set<CellRef> cells, Instant at) {
        YearMonth current = currentMonth();
        Set<CellRef> all = new LinkedHashSet<>(cells);
        for (CellRef ref : cells) {
            if (ref.month().isBefore(current)) {
                all.add(new CellRef(ref.scopeType(), ref.scopeId(), current));
            }
        }
        all.forEach(ref -> emitForecast(ref, at));
    }

    private void emitForecast(CellRef ref, Instant at) {
        ForecastChanged cell = present(ref, at);
        context.forward(new Record<>(ref.key(), ScopeOutput.of(cell), at.toEpochMilli()));
    }

    /** The published cell: its own sums, or for the current month with the overdue open deals, or for a past month won only. */
    private ForecastChanged present(CellRef ref, Instant at) {
        YearMonth current = currentMonth();
        ForecastCell own = orEmpty(forecast.get(ref.key()));
        ForecastCell sums = own;
        long overdue = 0;
        if (ref.month().isBefore(current)) {
            sums = own.wonPart();
        } else if (ref.month().equals(current)) {
            String scope = ref.scopeType() + ":" + ref.scopeId() + ":";
            ForecastCell[] acc = {own};
            long[] count = {0};
            try (KeyValueIterator<String, ForecastCell> it = forecast.range(scope, scope + current.minusMonths(1))) {
                it.forEachRemaining(kv -> {
                    acc[0] = acc[0].plus(kv.value.openPart());
                    count[0] += kv.value.openCount();
                });
            }
            sums = acc[0];
            overdue = count[0];
        }
        return ForecastFigures.of(ref.scopeType(), ref.scopeId(), ref.month().toString(), sums, overdue, target(ref), at);
    }

    private BigDecimal target(CellRef ref) {
        return switch (ref.scopeType()) {
            case ForecastChanged.OWNER -> targets.target("USER", ref.scopeId(), ref.month());
            case ForecastChanged.TEAM -> targets.target("TEAM", ref.scopeId(), ref.month());
            default -> {
                // METRICS.md defines targets for teams and users only: the company's is the sum of its top-level teams'.
                BigDecimal total = null;
                for (String team : tree.topLevelTeams()) {
                    BigDecimal t = targets.target("TEAM", team, ref.month());
                    if (t != null) {
                        total = total == null ? t : total.add(t);
                    }
                }
                yield total;
            }
        };
    }

    // --- team membership -----------------------------------------------------------------------------

    private List<String> path(String ownerId) {
        OwnerPath stored = paths.get(ownerId);
        if (stored != null) {
            return stored.teams();
        }
        List<String> path = tree.path(ownerId);
        paths.put(ownerId, new OwnerPath(path));
        publishOwnerTeams(ownerId, path, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        return path;
    }

    /** After a user or team change: every owner whose team path changed takes its cells from the old teams to the new. */
    private void reattribute(Instant at) {
        Set<CellRef> changed = new LinkedHashSet<>();
        for (String owner : tree.userIds()) {
            List<String> now = tree.path(owner);
            OwnerPath stored = paths.get(owner);
            List<String> before = stored == null ? List.of() : stored.teams();
            if (now.equals(before)) {
                continue;
            }
            paths.put(owner, new OwnerPath(now));
            publishOwnerTeams(owner, now, at);
            List<String> left = new ArrayList<>(before);
            left.removeAll(now);
            List<String> entered = new ArrayList<>(now);
            entered.removeAll(before);
            List<KeyValue<String, FunnelCell>> ownerFunnel = new ArrayList<>();
            forEachCell(funnel, FunnelChanged.OWNER + ":" + owner + ":", (k, c) -> ownerFunnel.add(KeyValue.pair(k, c)));
            for (KeyValue<String, FunnelCell> kv : ownerFunnel) {
                String stage = CellRef.parseStage(kv.key).part();
                left.forEach(team -> addFunnel(team, stage, FunnelCell.empty().minus(kv.value), at));
                entered.forEach(team -> addFunnel(team, stage, kv.value, at));
            }
            List<KeyValue<String, ForecastCell>> ownerForecast = new ArrayList<>();
            forEachCell(forecast, ForecastChanged.OWNER + ":" + owner + ":", (k, c) -> ownerForecast.add(KeyValue.pair(k, c)));
            for (KeyValue<String, ForecastCell> kv : ownerForecast) {
                YearMonth month = CellRef.parse(kv.key).month();
                for (String team : left) {
                    CellRef ref = new CellRef(ForecastChanged.TEAM, team, month);
                    forecast.put(ref.key(), orEmpty(forecast.get(ref.key())).minus(kv.value));
                    changed.add(ref);
                }
                for (String team : entered) {
                    CellRef ref = new CellRef(ForecastChanged.TEAM, team, month);
                    forecast.put(ref.key(), orEmpty(forecast.get(ref.key())).plus(kv.value));
                    changed.add(ref);
                }
            }
        }
        emitWithCurrent(changed, at);
    }

    /** The owner's team path for the facts' dimension join ({@code pulse.agg.owner-teams.v1}, a global store). */
    private void publishOwnerTeams(String owner, List<String> path, Instant at) {
        List<UUID> teams = path.stream().map(UUID::fromString).toList();
        context.forward(new Record<>(owner, ScopeOutput.of(new OwnerTeams(UUID.fromString(owner), teams.isEmpty() ? null : teams.get(0),
                teams, at)), at.toEpochMilli()));
    }

    // --- wall clock: month roll-over, freeze, error ---------------------------------------------------

    private YearMonth currentMonth() {
        String stored = clock.get(CURRENT);
        if (stored != null) {
            return YearMonth.parse(stored);
        }
        YearMonth now = YearMonth.from(Instant.ofEpochMilli(context.currentSystemTimeMs()).atZone(zone));
        clock.put(CURRENT, now.toString());
        return now;
    }

    void onWallClock(long now) {
        // Written here, not in init(): a punctuation may write to logged stores.
        if (frozenThrough != null) {
            String stored = clock.get(FROZEN);
            if (stored == null || YearMonth.parse(stored).isBefore(frozenThrough)) {
                clock.put(FROZEN, frozenThrough.toString());
            }
            frozenThrough = null;
        }
        if (frozenOpen != null) {
            seedFrozenOpen(frozenOpen);
            frozenOpen = null;
        }
        Instant at = Instant.ofEpochMilli(now);
        ZonedDateTime local = at.atZone(zone);
        YearMonth month = YearMonth.from(local);
        YearMonth current = currentMonth();
        if (month.isAfter(current)) {
            roll(current, month, at);
        }
        // The freeze belongs to the month's first day; a month whose first day passed without a running service is not frozen late.
        if (local.getDayOfMonth() == 1 && !month.toString().equals(clock.get(FROZEN))) {
            freeze(month, at);
            clock.put(FROZEN, month.toString());
        }
    }

    /**
     * The months frozen before a rebuild that have not ended: stored (not published: ClickHouse has them) unless the
     * store already knows the key, so that {@link #roll} completes them. A file that cannot be read fails the task:
     * going on would silently lose those months' error.
     */
    private void seedFrozenOpen(Path file) {
        ForecastSnapshot[] open;
        try {
            open = EventJson.read(Files.readAllBytes(file), ForecastSnapshot[].class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the frozen months of the rebuild from " + file, e);
        }
        for (ForecastSnapshot frozen : open) {
            if (frozen.endedAt() == null && snapshots.get(frozen.key()) == null) {
                snapshots.put(frozen.key(), frozen);
            }
        }
    }

    private void roll(YearMonth from, YearMonth to, Instant at) {
        clock.put(CURRENT, to.toString());
        // months that ended: their error
        List<ForecastSnapshot> ended = new ArrayList<>();
        try (KeyValueIterator<String, ForecastSnapshot> it = snapshots.all()) {
            it.forEachRemaining(kv -> {
                if (kv.value.endedAt() == null && YearMonth.parse(kv.value.month()).isBefore(to)) {
                    ended.add(kv.value);
                }
            });
        }
        for (ForecastSnapshot frozen : ended) {
            ForecastCell actual = orEmpty(forecast.get(ForecastChanged.key(frozen.scopeType(), frozen.scopeId(), frozen.month())));
            ForecastSnapshot done = ForecastFigures.ended(frozen, actual.closedWon(), at);
            snapshots.put(done.key(), done);
            context.forward(new Record<>(done.key(), ScopeOutput.of(done), at.toEpochMilli()));
        }
        // every cell whose presentation depends on the current month: months in [from, to], and each scope's new current month
        Set<CellRef> cells = new LinkedHashSet<>();
        forEachCell(forecast, "", (key, cell) -> {
            CellRef ref = CellRef.parse(key);
            if (!ref.month().isBefore(from) && !ref.month().isAfter(to)) {
                cells.add(ref);
            }
            if (ref.month().isBefore(to) && cell.openCount() != 0) {
                cells.add(new CellRef(ref.scopeType(), ref.scopeId(), to));
            }
        });
        cells.forEach(ref -> emitForecast(ref, at));
    }

    private void freeze(YearMonth month, Instant at) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add(COMPANY_SCOPE);
        forEachCell(forecast, "", (key, cell) -> {
            CellRef ref = CellRef.parse(key);
            scopes.add(ref.scopeType() + ":" + ref.scopeId());
        });
        for (List<String> scope : targets.scopes()) {
            scopes.add(("USER".equals(scope.get(0)) ? ForecastChanged.OWNER : ForecastChanged.TEAM) + ":" + scope.get(1));
        }
        for (String scope : scopes) {
            int colon = scope.indexOf(':');
            CellRef ref = new CellRef(scope.substring(0, colon), scope.substring(colon + 1), month);
            if (snapshots.get(ref.key()) != null) {
                continue;
            }
            ForecastChanged cell = present(ref, at);
            boolean hasData = forecast.get(ref.key()) != null || cell.overdueCount() != 0 || cell.target() != null;
            if (!hasData) {
                continue;
            }
            ForecastSnapshot frozen = ForecastFigures.frozen(cell, at);
            snapshots.put(ref.key(), frozen);
            context.forward(new Record<>(ref.key(), ScopeOutput.of(frozen), at.toEpochMilli()));
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private interface CellVisitor<V> {
        void visit(String key, V value);
    }

    /** Visits the cells whose key starts with the prefix ("" = all), from a copy so the visitor may write the store. */
    private static <V> void forEachCell(KeyValueStore<String, V> store, String prefix, CellVisitor<V> visitor) {
        List<KeyValue<String, V>> copy = new ArrayList<>();
        try (KeyValueIterator<String, V> it = prefix.isEmpty() ? store.all() : store.range(prefix, prefix + '\uffff')) {
            it.forEachRemaining(copy::add);
        }
        copy.forEach(kv -> visitor.visit(kv.key, kv.value));
    }

    private static FunnelCell orEmpty(FunnelCell c) {
        return c == null ? FunnelCell.empty() : c;
    }

    private static ForecastCell orEmpty(ForecastCell c) {
        return c == null ? ForecastCell.empty() : c;
    }

    /** A forecast cell's address: scope type, scope id and month ({@code part} is the stage for funnel keys). */
    record CellRef(String scopeType, String scopeId, YearMonth month, String part) {

        CellRef(String scopeType, String scopeId, YearMonth month) {
            this(scopeType, scopeId, month, month.toString());
        }

        static CellRef parse(String key) {
            int first = key.indexOf(':');
            int last = key.lastIndexOf(':');
            return new CellRef(key.substring(0, first), key.substring(first + 1, last), YearMonth.parse(key.substring(last + 1)));
        }

        static CellRef parseStage(String key) {
            int first = key.indexOf(':');
            int last = key.lastIndexOf(':');
            return new CellRef(key.substring(0, first), key.substring(first + 1, last), null, key.substring(last + 1));
        }

        String key() {
            return ForecastChanged.key(scopeType, scopeId, month.toString());
        }
    }
}
