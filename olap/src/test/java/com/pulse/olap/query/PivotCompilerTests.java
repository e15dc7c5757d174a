package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.SqlTemplate;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.util.List;
import org.junit.jupiter.api.Test;

class PivotCompilerTests {

    static CompiledQuery compile(PivotQuery query, DataScope scope) {
        return PivotCompiler.compile(query.validate(PivotQueryTests.SHANGHAI), scope, 100_000, 10);
    }

    @Test
    void groupsAtTheFinestLevelWithEveryValueBound() {
        CompiledQuery q = compile(PivotQueryTests.query(List.of("region", "stage"), List.of("closedMonth"),
                List.of("count", "winRate"), List.of(Filter.in("stage", List.of("CLOSED_WON", "CLOSED_LOST")),
                        Filter.range("amountBase", "10.5", null))), DataScope.team(PivotFixture.A));

        assertThat(q.sql()).isEqualTo("""
                SELECT if(region = '', '(none)', region) AS d0, if(stage = '', '(none)', stage) AS d1, \
                ifNull(substring(toString(closed_month), 1, 7), '(none)') AS d2, \
                count() AS c_count, toString(sum(amount_base)) AS c_amount, toString(sum(amount_base * probability)) AS c_weighted, \
                countIf(stage = ?) AS c_won, countIf(stage = ?) AS c_lost
                FROM opportunities FINAL
                WHERE deleted = 0
                  AND has(splitByChar('/', team_path), ?)
                  AND (if(stage = '', '(none)', stage) IN ?)
                  AND (amount_base >= ?)
                GROUP BY d0, d1, d2
                ORDER BY d0, d1, d2
                LIMIT ?
                SETTINGS max_execution_time = ?""");
        assertThat(q.params()).containsExactly("CLOSED_WON", "CLOSED_LOST", PivotFixture.A,
                List.of("CLOSED_WON", "CLOSED_LOST"), new java.math.BigDecimal("10.5"), 100_001L, 10);
        // binds without a count mismatch
        assertThat(SqlTemplate.bind(q.sql(), q.paramArray())).contains("LIMIT 100001").contains("max_execution_time = 10");
    }

    @Test
    void theScopeComesBeforeEveryFilterAndAWholeTableQueryHasNoGrouping() {
        CompiledQuery owner = compile(PivotQueryTests.query(List.of(), List.of(), List.of("count"),
                List.of(Filter.eq("owner", PivotFixture.R2))), DataScope.owner(PivotFixture.R1));
        assertThat(owner.sql()).doesNotContain("GROUP BY").doesNotContain("LIMIT");
        assertThat(owner.sql().indexOf("toString(owner_id) = ?")).isLessThan(owner.sql().indexOf("ifNull(toString(owner_id)"));
        assertThat(owner.params()).containsExactly("CLOSED_WON", "CLOSED_LOST", PivotFixture.R1, PivotFixture.R2, 10);

        CompiledQuery all = compile(PivotQueryTests.query(List.of("owner"), List.of(), List.of("count"), List.of()), DataScope.ALL);
        assertThat(all.sql()).doesNotContain("team_path").doesNotContain("toString(owner_id) = ?");
    }

    @Test
    void aManagersScopeIsEachTeamConditionAndTheirOwnRecordsJoinedByOrInOneParenthesis() {
        CompiledQuery q = compile(PivotQueryTests.query(List.of(), List.of(), List.of("count"),
                List.of(Filter.eq("owner", PivotFixture.R2))), DataScope.teams(List.of(PivotFixture.A, PivotFixture.E, PivotFixture.A),
                PivotFixture.R1));
        assertThat(q.sql()).contains("""
                WHERE deleted = 0
                  AND (has(splitByChar('/', team_path), ?) OR has(splitByChar('/', team_path), ?) OR toString(owner_id) = ?)
                  AND (ifNull(toString(owner_id)""").doesNotContain("hasAny");
        // a repeated team counts once; the filter's value comes after the scope's
        assertThat(q.params()).containsExactly("CLOSED_WON", "CLOSED_LOST", PivotFixture.A, PivotFixture.E, PivotFixture.R1,
                PivotFixture.R2, 10);
        assertThat(SqlTemplate.bind(q.sql(), q.paramArray())).contains("toString(owner_id) = '" + PivotFixture.R1 + "')");

        // targets: the cube's team condition (two marks) once per team, then its owner condition
        CompiledQuery targets = PivotCompiler.compile(new PivotQuery("targets", List.of(), List.of(), List.of("count"), List.of(), null)
                .validate(PivotQueryTests.SHANGHAI), DataScope.teams(List.of(PivotFixture.A, PivotFixture.E), PivotFixture.R1), 10, 10);
        assertThat(targets.params()).containsExactly(PivotFixture.A, PivotFixture.A, PivotFixture.A, PivotFixture.E, PivotFixture.E,
                PivotFixture.E, PivotFixture.R1, 10);
        assertThat(targets.sql()).contains(" OR (scope_type = 'USER' AND toString(scope_id) = ?))");
    }

    @Test
    void aManagerManagingNothingHasTheOwnerScopeAndNoTeamMayBeBlank() {
        assertThat(DataScope.teams(List.of(), PivotFixture.R1)).isEqualTo(DataScope.owner(PivotFixture.R1));
        assertThat(DataScope.teams(List.of(PivotFixture.A), PivotFixture.R1).describe())
                .isEqualTo("TEAMS:" + PivotFixture.A + "+OWNER:" + PivotFixture.R1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataScope.teams(List.of(PivotFixture.A, " "), PivotFixture.R1))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataScope.teams(List.of(PivotFixture.A), ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void noHostileValueIsEverPartOfTheSqlText() {
        for (String hostile : HostileStrings.ALL) {
            if (hostile.isEmpty() || hostile.length() > PivotQuery.MAX_VALUE_LENGTH) {
                continue;
            }
            for (String dimension : PivotQueryTests.DIMENSIONS) {
                CompiledQuery q = compile(PivotQueryTests.query(List.of(dimension), List.of(), List.of("count"),
                        List.of(Filter.eq(dimension, hostile), Filter.in(dimension, List.of(hostile, "x")))), DataScope.owner(hostile));
                if (!hostile.equals("?")) {
                    assertThat(q.sql()).as(dimension).doesNotContain(hostile);
                }
                assertThat(q.params()).contains(hostile, List.of(hostile, "x"));
                // the SQL is the same whatever the values: only the parameters change
                assertThat(q.sql()).isEqualTo(compile(PivotQueryTests.query(List.of(dimension), List.of(), List.of("count"),
                        List.of(Filter.eq(dimension, "a"), Filter.in(dimension, List.of("b", "c")))), DataScope.owner("o")).sql());
            }
        }
    }
}
