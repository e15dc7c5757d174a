package com.pulse.notifier.builtin;

import com.pulse.clickhouse.ClickHouseGateway;
import com.pulse.notifier.scope.Scopes;
import com.pulse.olap.query.CompiledQuery;
import com.pulse.olap.query.Condition;
import com.pulse.olap.query.Cube;
import com.pulse.olap.query.DataScope;
import com.pulse.olap.query.DateField;
import com.pulse.olap.query.Measure;
import com.pulse.olap.query.Pivot;
import com.pulse.olap.query.PivotCompiler;
import com.pulse.olap.query.PivotQuery;
import com.pulse.olap.query.Records;
import com.pulse.olap.query.RecordsCompiler;
import com.pulse.olap.query.RecordsPage;
import com.pulse.olap.query.RecordsQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one way a rule reads business facts: a pivot or drill-through checked against olap's catalogue, compiled by
 * olap's {@link PivotCompiler} / {@link RecordsCompiler} with the data scope olap would give (its {@code ScopeGuard}),
 * run on ClickHouse ({@code FINAL}, every value bound, {@code max_execution_time}), every statement and its values
 * kept for the firing's provenance. Relative periods and the company's days are counted in the company's zone from
 * the firing's instant, not the wall clock, so a re-run of a period reads the same.
 *
 * <p>ClickHouse unreachable is a {@code ClickHouseException} out of the run: the firing records nothing and is tried
 * again ({@code RuleFiring}).
 */
@Component
public class OlapQueries {

    /** More groups than any rule's pivot has (teams, activity types, a handful of targets). */
    static final long MAX_GROUPS = 10_000;

    private final ClickHouseGateway clickHouse;
    private final JdbcClient jdbc;
    private final Company company;
    private final int maxExecutionSeconds;

    OlapQueries(ClickHouseGateway clickHouse, JdbcClient jdbc, Company company,
                @Value("${pulse.notifier.custom-view.max-execution-seconds:30}") int maxExecutionSeconds) {
        this.clickHouse = clickHouse;
        this.jdbc = jdbc;
        this.company = company;
        this.maxExecutionSeconds = maxExecutionSeconds;
    }

    /**
     * The data scope a firing reads with: the recipient's as olap gives it, or the owner's when the recipient sees
     * everything, so an alert never tells more than the rule's owner may see in olap (nor the recipient).
     */
    public DataScope firingScope(String ownerId, String recipientId) {
        DataScope scope = scopeOf(recipientId);
        return scope.kind() == DataScope.Kind.ALL ? scopeOf(ownerId) : scope;
    }

    /**
     * The data scope olap gives the user (ScopeGuard): everything; for a manager the teams they manage (with every team
     * below them) and their own records, only their own when they manage none; else their own records.
     */
    public DataScope scopeOf(String userId) {
        ApiUser user = user(userId);
        if (Scopes.seesAll(user.roles())) {
            return DataScope.ALL;
        }
        if (user.roles().contains("MANAGER")) {
            return DataScope.teams(user.managedTeams(), userId);
        }
        return DataScope.owner(userId);
    }

    /**
     * What a token would say of the user, read from the api now (a firing has no token): their roles (none once
     * deleted), their team ({@code ""} without one) and, as the token's {@code managed_teams}, the live teams whose
     * manager they are, in one read. Nobody for an id that is not an api user's.
     */
    public record ApiUser(List<String> roles, String team, List<String> managedTeams) {

        static final ApiUser NOBODY = new ApiUser(List.of(), "", List.of());
    }

    public ApiUser user(String userId) {
        // the manager's roots as the api's sign-in puts them into managed_teams: teams.manager_id, binned teams left out
        return Scopes.uuid(userId).flatMap(id -> jdbc.sql("""
                        SELECT CASE WHEN deleted_at IS NULL THEN coalesce(roles, '{}') ELSE '{}' END AS roles,
                               coalesce(CAST(team_id AS text), '') AS team,
                               ARRAY(SELECT CAST(t.id AS text) FROM public.teams t
                                     WHERE t.manager_id = u.id AND t.deleted_at IS NULL ORDER BY t.id) AS managed_teams
                        FROM public.users u WHERE id = :id""")
                .param("id", id)
                .query((row, n) -> new ApiUser(List.of((String[]) row.getArray("roles").getArray()), row.getString("team"),
                        List.of((String[]) row.getArray("managed_teams").getArray())))
                .optional()).orElse(ApiUser.NOBODY);
    }

    /** One firing's reads, all with {@code scope} unless a read names its own, evaluated as of {@code at}. */
    public Run run(DataScope scope, Instant at) {
        return new Run(scope, at);
    }

    /**
     * {@code dateField} of the cube (an instant column) in [from, to): olap's {@code between} counts whole company
     * days, a rule counts up to its firing's instant.
     */
    public static Condition between(Cube cube, String dateField, Instant from, Instant to) {
        String column = instantColumn(cube, dateField);
        return new Condition(column + " >= toDateTime(?, 'UTC') AND " + column + " < toDateTime(?, 'UTC')", List.of(from, to));
    }

    /** {@code dateField} at or before {@code at}: what had happened by the firing's instant. */
    public static Condition upTo(Cube cube, String dateField, Instant at) {
        return new Condition(instantColumn(cube, dateField) + " <= toDateTime(?, 'UTC')", List.of(at));
    }

    /** {@code dateField} before {@code at} (a missing date is never before anything). */
    public static Condition before(Cube cube, String dateField, Instant at) {
        return new Condition(instantColumn(cube, dateField) + " < toDateTime(?, 'UTC')", List.of(at));
    }

    private static List<Condition> plus(List<Condition> conditions, Condition... more) {
        List<Condition> all = new ArrayList<>(conditions);
        all.addAll(List.of(more));
        return all;
    }

    private static String instantColumn(Cube cube, String name) {
        DateField field = cube.dateFields().get(name);
        if (field == null || !field.instant()) {
            throw new IllegalArgumentException(cube.name() + " has no instant field " + name);
        }
        return field.column();
    }

    /** A group of a pivot: its members (rows' then columns') and its measures by name. */
    public record Row(List<String> members, Map<String, Object> values) {

        public String member(int i) {
            return members.get(i);
        }

        public Object value(String measure) {
            return values.get(measure);
        }
    }

    /** The reads of one firing and their provenance. */
    public final class Run {

        private final DataScope scope;
        private final Instant at;
        private final List<String> statements = new ArrayList<>();
        private final List<List<String>> params = new ArrayList<>();

        private Run(DataScope scope, Instant at) {
            this.scope = scope;
            this.at = at;
        }

        public DataScope scope() {
            return scope;
        }

        /** Checked against the catalogue ({@code InvalidQuery} if not), days and relative periods of the firing's instant. */
        public Pivot pivot(PivotQuery query, Condition... upTo) {
            Pivot p = query.validate(company.zone(), Clock.fixed(at, company.zone()));
            return upTo.length == 0 ? p
                    : new Pivot(p.cube(), p.rows(), p.columns(), p.measures(), plus(p.filters(), upTo), p.sort(), p.top());
        }

        /** The finest groups of the pivot (for no dimensions: the grand total, one row) in this run's scope. */
        public List<Row> rows(Pivot pivot) {
            return rows(pivot, scope);
        }

        /** As {@link #rows(Pivot)}, in another scope (a target's own team or user, inside what this run may see). */
        public List<Row> rows(Pivot pivot, DataScope within) {
            CompiledQuery compiled = PivotCompiler.compile(pivot, within, MAX_GROUPS, maxExecutionSeconds);
            List<Row> out = new ArrayList<>();
            for (Map<String, Object> row : read(compiled)) {
                PivotCompiler.Group group = PivotCompiler.group(pivot, row);
                Map<String, Object> values = new LinkedHashMap<>();
                for (Measure m : pivot.measures()) {
                    values.put(m.name(), m.of(group.components()));
                }
                List<String> members = new ArrayList<>(group.row());
                members.addAll(group.column());
                out.add(new Row(members, values));
            }
            return out;
        }

        /**
         * Every record of a drill-through (all its pages, keyset-paged as olap pages them), in this run's scope, with
         * the conditions of the firing's instant added to the cell's ({@link #between}, {@link #before}).
         */
        public List<Map<String, Object>> records(RecordsQuery query, Condition... upTo) {
            List<Map<String, Object>> out = new ArrayList<>();
            String cursor = null;
            do {
                RecordsQuery page = new RecordsQuery(query.cube(), query.filters(), query.cell(), RecordsQuery.MAX_PAGE_SIZE, cursor);
                Records records = page.validate(company.zone(), Clock.fixed(at, company.zone()));
                if (upTo.length > 0) {
                    records = new Records(records.drill(), plus(records.conditions(), upTo), records.cell(),
                            records.pageSize(), records.after());
                }
                CompiledQuery compiled = RecordsCompiler.compile(records, scope, maxExecutionSeconds);
                RecordsPage read = RecordsCompiler.page(records, cursor == null ? read(compiled) : readQuietly(compiled));
                out.addAll(read.records());
                cursor = read.nextCursor();
            } while (cursor != null);
            return out;
        }

        private List<Map<String, Object>> read(CompiledQuery compiled) {
            statements.add(compiled.sql());
            params.add(compiled.params().stream().map(String::valueOf).toList());
            return readQuietly(compiled);
        }

        // later pages of a drill-through: the first page's statement is the provenance, its cursor aside
        private List<Map<String, Object>> readQuietly(CompiledQuery compiled) {
            return clickHouse.query(compiled.sql(), compiled.paramArray());
        }

        /**
         * What the firing found, with every statement run (separated by {@code ;}) and, in {@code bound}, the data
         * scope, each statement's values and whatever the rule adds ({@code shown} first).
         */
        public Evaluation evaluation(Map<String, Object> shown, List<Match> matches) {
            Map<String, Object> bound = new LinkedHashMap<>(shown);
            bound.put("dataScope", scope.describe());
            bound.put("params", List.copyOf(params));
            return new Evaluation(String.join(";\n", statements), bound, matches);
        }
    }
}
