package com.pulse.olap.views;

import com.pulse.clickhouse.ClickHouseSql;
import com.pulse.olap.query.InvalidQuery;
import com.pulse.olap.query.PivotQuery;
import com.pulse.olap.security.ScopeGuard;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Saved views in ClickHouse ({@code saved_views}, ReplacingMergeTree on {@code version}): a save or a delete is a
 * new row one version up, read back with FINAL. Visibility: the owner, plus the sharing rule of {@link Sharing}.
 */
@Component
class SavedViews {

    static final int MAX_NAME_LENGTH = 120;
    private static final String OWNER_WITHOUT_TOKEN = "anonymous";
    private static final DateTimeFormatter CLICKHOUSE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String COLUMNS = "toString(id) AS id, version, owner_id, owner_team_id, name, query, sharing, "
            + "toString(created_at) AS created_at, toString(updated_at) AS updated_at";

    private final ClickHouseSql clickHouse;
    private final ScopeGuard guard;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId companyZone;
    // ClickHouse has no unique key or compare-and-set: the version check and the name check hold because every write
    // of this instance passes here one at a time (writes are rare). Several olap instances would need a shared lock.
    private final ReentrantLock writes = new ReentrantLock();

    SavedViews(ClickHouseSql clickHouse, ScopeGuard guard, JsonMapper json, Clock clock,
               @Value("${pulse.company.time-zone:Asia/Shanghai}") String companyZone) {
        this.clickHouse = clickHouse;
        this.guard = guard;
        this.json = json;
        this.clock = clock;
        this.companyZone = ZoneId.of(companyZone);
    }

    SavedView create(ViewForm form) {
        Checked checked = check(form);
        String owner = caller();
        return locked(() -> {
            requireFreeName(owner, checked.name(), null);
            Instant now = now();
            SavedView view = new SavedView(UUID.randomUUID().toString(), 1, owner, Objects.toString(guard.teamId(), ""),
                    checked.name(), form.query(), checked.sharing(), now, now);
            write(view, false);
            return view;
        });
    }

    SavedView update(String id, ViewForm form, Long ifMatch) {
        Checked checked = check(form);
        return locked(() -> {
            SavedView current = owned(id);
            requireVersion(current, ifMatch);
            requireFreeName(current.ownerId(), checked.name(), current.id());
            SavedView next = new SavedView(current.id(), current.version() + 1, current.ownerId(),
                    Objects.toString(guard.teamId(), ""), checked.name(), form.query(), checked.sharing(),
                    current.createdAt(), now());
            write(next, false);
            return next;
        });
    }

    void delete(String id, Long ifMatch) {
        locked(() -> {
            SavedView current = owned(id);
            if (ifMatch != null) {
                requireVersion(current, ifMatch);
            }
            write(new SavedView(current.id(), current.version() + 1, current.ownerId(), current.ownerTeamId(),
                    current.name(), current.query(), current.sharing(), current.createdAt(), now()), true);
            return null;
        });
    }

    /** A view the caller may see, or {@link ViewNotFound}. */
    SavedView visible(String id) {
        return read(id).filter(this::mayRead).orElseThrow(ViewNotFound::new);
    }

    /** The caller's own views and those shared with them, by name. */
    List<SavedView> list() {
        String owner = caller();
        return clickHouse.query("SELECT " + COLUMNS + " FROM saved_views FINAL WHERE deleted = 0 "
                        + "AND (owner_id = ? OR sharing IN ('team', 'company')) ORDER BY lower(name), id", owner)
                .stream().map(this::view).filter(this::mayRead)
                .sorted(Comparator.comparing((SavedView v) -> v.name().toLowerCase(Locale.ROOT)).thenComparing(SavedView::id))
                .toList();
    }

    boolean mine(SavedView view) {
        return view.ownerId().equals(caller());
    }

    private boolean mayRead(SavedView view) {
        return switch (view.sharing()) {
            case COMPANY -> true;
            case TEAM -> mine(view) || guard.inTeamOrAbove(view.ownerTeamId());
            case PRIVATE -> mine(view);
        };
    }

    // only the owner changes or deletes; to anybody else a view they see is read-only, one they do not see absent
    private SavedView owned(String id) {
        SavedView view = visible(id);
        if (!mine(view)) {
            throw new NotTheOwner();
        }
        return view;
    }

    private Optional<SavedView> read(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ViewNotFound();
        }
        return clickHouse.query("SELECT " + COLUMNS + " FROM saved_views FINAL WHERE id = ? AND deleted = 0",
                uuid.toString()).stream().findFirst().map(this::view);
    }

    private void requireFreeName(String owner, String name, String exceptId) {
        boolean taken = clickHouse.query("SELECT toString(id) AS id FROM saved_views FINAL "
                        + "WHERE deleted = 0 AND owner_id = ? AND lower(name) = lower(?)", owner, name)
                .stream().anyMatch(row -> !String.valueOf(row.get("id")).equals(exceptId));
        if (taken) {
            throw new ViewNameTaken(name);
        }
    }

    private static void requireVersion(SavedView current, Long ifMatch) {
        if (ifMatch == null || ifMatch != current.version()) {
            throw new StaleVersion(ifMatch == null ? null : current.version());
        }
    }

    private record Checked(String name, Sharing sharing) {
    }

    private Checked check(ViewForm form) {
        if (form == null) {
            throw new InvalidView("body", "a JSON object with name, query and sharing", List.of());
        }
        String name = form.name() == null ? "" : form.name().strip();
        if (name.isEmpty()) {
            throw new InvalidView("name", "required", List.of());
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidView("name", "at most " + MAX_NAME_LENGTH + " characters, not " + name.length(), List.of());
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidView("name", "no control characters (line breaks, tabs)", List.of());
        }
        Sharing sharing = form.sharing() == null ? Sharing.PRIVATE : Sharing.of(form.sharing()).orElseThrow(() ->
                new InvalidView("sharing", "unknown sharing '" + shorten(form.sharing()) + "'", Sharing.NAMES));
        if (form.query() == null) {
            throw new InvalidView("query", "required: the pivot, as POST /olap/v1/pivot takes it", List.of());
        }
        try {
            form.query().validate(companyZone, clock);
        } catch (InvalidQuery e) {
            throw new InvalidView("query." + e.field(), e.reason(), e.validValues());
        }
        return new Checked(name, sharing);
    }

    private void write(SavedView view, boolean deleted) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", view.id());
        row.put("version", view.version());
        row.put("owner_id", view.ownerId());
        row.put("owner_team_id", view.ownerTeamId());
        row.put("name", view.name());
        row.put("query", json.writeValueAsString(view.query()));
        row.put("sharing", view.sharing().wire());
        row.put("created_at", CLICKHOUSE_TIME.format(view.createdAt().atOffset(ZoneOffset.UTC)));
        row.put("updated_at", CLICKHOUSE_TIME.format(view.updatedAt().atOffset(ZoneOffset.UTC)));
        row.put("deleted", deleted ? 1 : 0);
        clickHouse.insertJsonEachRow("saved_views", List.of(row));
    }

    private SavedView view(Map<String, Object> row) {
        return new SavedView(String.valueOf(row.get("id")), ((Number) row.get("version")).longValue(),
                String.valueOf(row.get("owner_id")), String.valueOf(row.get("owner_team_id")), String.valueOf(row.get("name")),
                json.readValue(String.valueOf(row.get("query")), PivotQuery.class),
                Sharing.of(String.valueOf(row.get("sharing"))).orElse(Sharing.PRIVATE),
                time(row.get("created_at")), time(row.get("updated_at")));
    }

    private static Instant time(Object text) {
        return LocalDateTime.parse(String.valueOf(text), CLICKHOUSE_TIME).toInstant(ZoneOffset.UTC);
    }

    private String caller() {
        String user = guard.userId();
        return user == null ? OWNER_WITHOUT_TOKEN : user;
    }

    // DateTime columns hold whole seconds
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private <T> T locked(Supplier<T> work) {
        writes.lock();
        try {
            return work.get();
        } finally {
            writes.unlock();
        }
    }

    private static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}
