package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.SqlTemplate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CubesCompilerTests {

    @Test
    void aDistinctCountIsCountedAtEveryGroupingLevelByClickHouse() {
        Pivot pivot = new PivotQuery("stageTransitions", List.of("toStage"), List.of("atWeek"), List.of("opportunities"), List.of(), null)
                .validate(PivotQueryTests.SHANGHAI);
        CompiledQuery q = PivotCompiler.compile(pivot, DataScope.owner(PivotFixture.R1), 1_000, 10);

        // (toStage, atWeek), (toStage), (atWeek), () — each with the scope, finest first
        assertThat(q.sql().split("UNION ALL", -1)).hasSize(4);
        assertThat(q.sql()).contains("1 AS lr, 1 AS lc", "1 AS lr, 0 AS lc", "0 AS lr, 1 AS lc", "0 AS lr, 0 AS lc")
                .contains("uniqExact(opportunity_id) AS c_opportunities").endsWith("""
                        ORDER BY lr DESC, lc DESC, d0, d1
                        LIMIT ?
                        SETTINGS max_execution_time = ?""");
        // the week of the company's day: the zone is bound where the week is selected (twice), never written
        assertThat(q.sql()).contains("toMonday(toDate(at, ?))").doesNotContain("Asia/Shanghai");
        assertThat(q.params()).containsExactly("Asia/Shanghai", PivotFixture.R1, PivotFixture.R1, "Asia/Shanghai",
                PivotFixture.R1, PivotFixture.R1, 1_001L, 10);
        assertThat(SqlTemplate.bind(q.sql(), q.paramArray())).contains("toMonday(toDate(at, 'Asia/Shanghai'))");
    }

    @Test
    void additiveMeasuresStayOneStatementWithoutTheDistinctCount() {
        Pivot pivot = new PivotQuery("stageTransitions", List.of("toStage"), List.of(), List.of("count", "amountBase"), List.of(), null)
                .validate(PivotQueryTests.SHANGHAI);
        CompiledQuery q = PivotCompiler.compile(pivot, DataScope.ALL, 1_000, 10);
        assertThat(q.sql()).doesNotContain("UNION ALL").doesNotContain("uniqExact").doesNotContain(" lr");
    }

    @Test
    void aManagersTargetsAreTheirSubtreesTeamsAndOwnersEachBoundToTheTeamId() {
        Pivot pivot = new PivotQuery("targets", List.of("metric"), List.of(), List.of("value"), List.of(), null)
                .validate(PivotQueryTests.SHANGHAI);
        CompiledQuery team = PivotCompiler.compile(pivot, DataScope.team(PivotFixture.D), 1_000, 10);
        assertThat(team.params()).containsExactly(PivotFixture.D, PivotFixture.D, PivotFixture.D, 1_001L, 10);
        assertThat(team.sql()).contains("scope_type = 'TEAM'", "scope_type = 'USER'", "argMax(team_path, updated_at)");
        CompiledQuery owner = PivotCompiler.compile(pivot, DataScope.owner(PivotFixture.R1), 1_000, 10);
        assertThat(owner.sql()).contains("AND (scope_type = 'USER' AND toString(scope_id) = ?)");
    }

    @Test
    void everyCubeHasLabelsInBothLanguagesAndTheFiveGrainsOfItsDates() {
        for (Cube cube : CubeCatalogue.cubes()) {
            assertThat(cube.labels().zhCN()).isNotBlank();
            cube.dimensions().values().forEach(d -> assertThat(d.labels().zhCN()).as(d.name()).isNotBlank().isNotEqualTo(d.labels().en()));
            cube.measures().values().forEach(m -> assertThat(m.labels().zhCN()).as(m.name()).isNotBlank().isNotEqualTo(m.labels().en()));
        }
        assertThat(CubeCatalogue.LEADS.dimensions().keySet()).contains("createdDay", "createdWeek", "createdMonth",
                "createdQuarter", "createdYear", "closedWeek");
        assertThat(CubeCatalogue.ACTIVITIES.dimensions().keySet()).contains("dueWeek", "completedWeek", "completedYear");
        assertThat(CubeCatalogue.STAGE_TRANSITIONS.dimensions().keySet()).contains("fromStage", "toStage", "atDay", "atWeek", "atYear");
    }
}
