package com.pulse.olap.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The team-tree queries of the data scope give the same rows, and the same decisions, on ClickHouse 18.16 and chDB 26.5. */
@Tag("dual-engine")
class TeamPathsDualEngineTests {

    static final String D = "d0000000-0000-4000-8000-000000000001";
    static final String A = "a0000000-0000-4000-8000-000000000002";
    static final String A1 = "a1000000-0000-4000-8000-000000000003";
    static final String E = "e0000000-0000-4000-8000-000000000004";
    static final String REP = "0a000000-0000-4000-8000-0000000000a1";
    static final String MOVED = "0c000000-0000-4000-8000-0000000000c1";
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(TeamPathsDualEngineTests.class);
        engines.migrate();
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(deal("11111111-0000-4000-8000-000000000001", 1, REP, D + "/" + A + "/" + A1, "2026-11-02 00:00:00"));
        // superseded version of the same deal in another team: FINAL keeps version 2 only
        rows.add(deal("11111111-0000-4000-8000-000000000001", 2, REP, D + "/" + A + "/" + A1, "2026-11-03 00:00:00"));
        rows.add(deal("11111111-0000-4000-8000-000000000001", 0, REP, E, "2026-11-04 00:00:00"));
        // an owner who moved from A1 to E: the most recently updated deal decides
        rows.add(deal("22222222-0000-4000-8000-000000000002", 1, MOVED, D + "/" + A + "/" + A1, "2026-10-01 00:00:00"));
        rows.add(deal("33333333-0000-4000-8000-000000000003", 1, MOVED, E, "2026-11-20 00:00:00"));
        rows.add(deal("44444444-0000-4000-8000-000000000004", 1, null, "", "2026-11-20 00:00:00"));
        engines.insertJsonEachRow("opportunities", rows);
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void theQueriesGiveTheSameRowsOnBothEngines() {
        assertThat(engines.sameCellsInAnyOrder(TeamPaths.PATHS_WITH_TEAM, A1)).hasSize(1);
        assertThat(engines.sameCellsInAnyOrder(TeamPaths.PATHS_WITH_TEAM, E)).hasSize(1);
        assertThat(engines.sameCells(TeamPaths.OWNER_PATH, MOVED)).hasSize(1);
        assertThat(engines.sameCells(TeamPaths.OWNER_PATH, "0f000000-0000-4000-8000-0000000000f1")).isEmpty();
    }

    @Test
    void theDecisionsAreTheSameOnBothEngines() {
        for (DualEngine.Engine engine : engines.engines()) {
            TeamPaths paths = new TeamPaths(engine.sql());
            assertThat(paths.teamWithin(A1, List.of(A))).as(engine.name()).isTrue();
            assertThat(paths.teamWithin(A1, List.of(D))).as(engine.name()).isTrue();
            assertThat(paths.teamWithin(A, List.of(A1))).as(engine.name()).isFalse();
            assertThat(paths.teamWithin(E, List.of(A))).as(engine.name()).isFalse();
            assertThat(paths.ownerWithin(REP, List.of(A))).as(engine.name()).isTrue();
            assertThat(paths.ownerWithin(REP, List.of(E))).as(engine.name()).isFalse();
            assertThat(paths.ownerWithin(MOVED, List.of(E))).as(engine.name()).isTrue();
            assertThat(paths.ownerWithin(MOVED, List.of(A))).as(engine.name()).isFalse();
        }
    }

    @Test
    void hostileIdsFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            assertThat(engines.sameCells(TeamPaths.OWNER_PATH, hostile)).isEmpty();
            engines.sameCellsInAnyOrder(TeamPaths.PATHS_WITH_TEAM, hostile);
        }
    }

    private static Map<String, Object> deal(String id, long version, String owner, String teamPath, String updatedAt) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("version", version);
        row.put("owner_id", owner);
        row.put("team_id", null);
        row.put("team_path", teamPath);
        row.put("account_id", null);
        row.put("industry", "(none)");
        row.put("region", "(none)");
        row.put("tier", "(none)");
        row.put("stage", "PROPOSAL");
        row.put("stage_order", 4);
        row.put("amount_base", new BigDecimal("100.00"));
        row.put("probability", 60);
        row.put("forecast_category", "BEST_CASE");
        row.put("expected_close_date", null);
        row.put("closed_at", null);
        row.put("created_at", "2026-10-01 00:00:00");
        row.put("updated_at", updatedAt);
        row.put("deleted", 0);
        row.put("created_month", "2026-10-01");
        row.put("expected_close_month", null);
        row.put("closed_month", null);
        return row;
    }
}
