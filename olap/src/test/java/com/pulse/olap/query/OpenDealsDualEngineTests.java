package com.pulse.olap.query;

import static com.pulse.olap.query.CubesDualEngineTests.grandTotal;
import static com.pulse.olap.query.PivotFixture.A;
import static com.pulse.olap.query.PivotFixture.D;
import static com.pulse.olap.query.PivotFixture.E;
import static com.pulse.olap.query.PivotFixture.P1;
import static com.pulse.olap.query.PivotFixture.P4;
import static com.pulse.olap.query.PivotFixture.P7;
import static com.pulse.olap.query.PivotFixture.R1;
import static com.pulse.olap.query.PivotFixture.R2;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The {@code openDeals} cube (when each open deal entered its current stage) on ClickHouse 18.16 and chDB 26.5 over
 * {@link PivotFixture}'s opportunities and {@link CubesFixture}'s transitions, plus these moves (UTC):
 *
 * <pre>
 * E1  P1  v2  PROSPECTING   → QUALIFICATION  2026-02-01 02:00
 * E2  P1  v3  QUALIFICATION → PROSPECTING    2026-03-01 16:30 (sh 03-02)   P1 moved back: counts from here
 * E3  P7  v1  -             → QUALIFICATION  2026-04-20 02:00
 * E4  P4  v4  NEGOTIATION   → CLOSED_WON     2026-04-10 02:00   not in P4's fact yet (still NEGOTIATION there)
 * </pre>
 *
 * Open deals: P1 PROSPECTING since E2, P4 NEGOTIATION since T7 (2026-04-05 17:00, sh Mon 04-06; delivered twice),
 * P7 QUALIFICATION since E3. Not here: P2 and P5 won, P3 lost, P6 deleted, P9 (no opportunity fact).
 */
@Tag("dual-engine")
class OpenDealsDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(OpenDealsDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("opportunities", PivotFixture.superseded());
        engines.insertJsonEachRow("opportunities", PivotFixture.opportunities());
        engines.insertJsonEachRow("stage_transitions", CubesFixture.transitions());
        engines.insertJsonEachRow("stage_transitions", CubesFixture.transitionsAgain());
        engines.insertJsonEachRow("stage_transitions", List.of(
                CubesFixture.transition(P1, 2, "PROSPECTING", "QUALIFICATION", "2026-02-01 02:00:00", "100.00", R1),
                CubesFixture.transition(P1, 3, "QUALIFICATION", "PROSPECTING", "2026-03-01 16:30:00", "100.00", R1),
                CubesFixture.transition(P7, 1, null, "QUALIFICATION", "2026-04-20 02:00:00", "10.00", null),
                CubesFixture.transition(P4, 4, "NEGOTIATION", "CLOSED_WON", "2026-04-10 02:00:00", "400.00", R2)));
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void openDealsByStageAgainstTheMonthTheyEnteredIt() {
        PivotMatrix m = sameMatrix(new PivotQuery("openDeals", List.of("stage"), List.of("enteredMonth"),
                List.of("count", "amountBase"), List.of(), null), DataScope.ALL);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(List.of("2026-03"), List.of("2026-04"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("NEGOTIATION"), List.of("PROSPECTING"), List.of("QUALIFICATION"), List.of());
        Map<String, Object> zero = deals(0, "0.00");
        assertThat(m.cells().get(0).values()).containsExactly(zero, deals(1, "400.00"), deals(1, "400.00"));
        // P1 counts from its return to PROSPECTING in March, not from January
        assertThat(m.cells().get(1).values()).containsExactly(deals(1, "100.00"), zero, deals(1, "100.00"));
        assertThat(m.cells().get(2).values()).containsExactly(zero, deals(1, "10.00"), deals(1, "10.00"));
        assertThat(m.cells().get(3).values()).containsExactly(deals(1, "100.00"), deals(2, "410.00"), deals(3, "510.00"));
    }

    @Test
    void theDayADealEnteredItsStageIsTheCompanysAndFiltersCountWholeDays() {
        PivotMatrix byDay = sameMatrix(new PivotQuery("openDeals", List.of("enteredDay"), List.of(), List.of("count"),
                List.of(Filter.in("enteredDay", List.of("2026-03-02", "2026-04-06", "2026-04-20"))), null), DataScope.ALL);
        assertThat(byDay.cells()).extracting(PivotMatrix.Line::path).startsWith(List.of("2026-03-02")).contains(List.of("2026-04-06"),
                List.of("2026-04-20"));
        PivotQuery bounds = new PivotQuery("openDeals", List.of(), List.of(), List.of("count"),
                List.of(Filter.between("enteredDate", "2026-03-02", "2026-04-06")), null);
        assertThat(grandTotal(sameMatrix(bounds, DataScope.ALL))).isEqualTo(Map.of("count", 2L));
        PivotQuery inside = new PivotQuery("openDeals", List.of(), List.of(), List.of("count"),
                List.of(Filter.between("enteredDate", "2026-03-03", "2026-04-05")), null);
        assertThat(grandTotal(sameMatrix(inside, DataScope.ALL))).isEqualTo(Map.of("count", 0L));
    }

    @Test
    void eachDataScopeSeesItsOwnDealsOnly() {
        PivotQuery total = new PivotQuery("openDeals", List.of(), List.of(), List.of("count", "amountBase"), List.of(), null);
        assertThat(grandTotal(sameMatrix(total, DataScope.team(D)))).isEqualTo(deals(2, "500.00"));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(A)))).isEqualTo(deals(2, "500.00"));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(E)))).isEqualTo(deals(0, "0.00"));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R1)))).isEqualTo(deals(1, "100.00"));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R2)))).isEqualTo(deals(1, "400.00"));
    }

    @Test
    void everyDimensionInRowsAndColumnsInEveryScopeGivesTheSameCellsOnBothEngines() {
        Cube cube = CubeCatalogue.OPEN_DEALS;
        int shapes = 0;
        for (String dimension : cube.dimensions().keySet()) {
            for (DataScope scope : List.of(DataScope.ALL, DataScope.team(D), DataScope.owner(R1))) {
                sameMatrix(new PivotQuery(cube.name(), List.of(dimension), List.of(), List.of("count", "amountBase"), List.of(), null), scope);
                if (!dimension.startsWith("entered")) {
                    sameMatrix(new PivotQuery(cube.name(), List.of(dimension.equals("stage") ? "owner" : "stage"), List.of(dimension, "enteredQuarter"),
                            List.of("count", "amountBase"), List.of(), null), scope);
                }
                shapes++;
            }
        }
        sameMatrix(new PivotQuery(cube.name(), List.of("owner"), List.of(), List.of("count", "amountBase"),
                List.of(Filter.range("amountBase", "10", "400")), null), DataScope.ALL);
        assertThat(shapes).isEqualTo(3 * cube.dimensions().size());
    }

    @Test
    void theRecordsOfACellAreItsDealsWithWhenTheyEnteredTheirStage() {
        List<Map<String, Object>> all = drill(List.of(), Map.of(), DataScope.ALL);
        assertThat(all).extracting(r -> r.get("id")).containsExactly(P1, P4, P7);
        assertThat(all.get(0)).containsEntry("href", "/api/v1/opportunities/" + P1).containsEntry("owner", R1)
                .containsEntry("team", A).containsEntry("teamPath", D + "/" + A).containsEntry("region", "East")
                .containsEntry("stage", "PROSPECTING").containsEntry("forecastCategory", "PIPELINE")
                .containsEntry("amountBase", new BigDecimal("100.00")).containsEntry("enteredAt", "2026-03-01T16:30:00Z");
        assertThat(all.get(1)).containsEntry("stage", "NEGOTIATION").containsEntry("enteredAt", "2026-04-05T17:00:00Z");
        assertThat(all.get(2)).containsEntry("owner", "(none)").containsEntry("enteredAt", "2026-04-20T02:00:00Z");

        assertThat(drill(List.of(Filter.between("enteredDate", "2026-01-01", "2026-04-06")), Map.of("stage", "NEGOTIATION"),
                DataScope.ALL)).extracting(r -> r.get("id")).containsExactly(P4);
        assertThat(drill(List.of(), Map.of(), DataScope.owner(R2))).extracting(r -> r.get("id")).containsExactly(P4);
        assertThat(drill(List.of(), Map.of(), DataScope.team(E))).isEmpty();
    }

    @Test
    void hostileMembersAndScopesFindNothing() {
        for (String hostile : HostileStrings.ALL) {
            if (hostile.isBlank() || hostile.length() > PivotQuery.MAX_VALUE_LENGTH) {
                continue;
            }
            assertThat(grandTotal(sameMatrix(new PivotQuery("openDeals", List.of("stage"), List.of(), List.of("count"),
                    List.of(Filter.in("stage", List.of(hostile))), null), DataScope.ALL))).containsEntry("count", 0L);
            assertThat(drill(List.of(), Map.of(), DataScope.owner(hostile))).isEmpty();
            assertThat(drill(List.of(), Map.of(), DataScope.team(hostile))).isEmpty();
        }
    }

    static Map<String, Object> deals(long count, String amount) {
        return Map.of("count", count, "amountBase", new BigDecimal(amount));
    }

    static PivotMatrix sameMatrix(PivotQuery query, DataScope scope) {
        Pivot pivot = query.validate(PivotQueryTests.SHANGHAI);
        CompiledQuery compiled = PivotCompiler.compile(pivot, scope, 100_000, 30);
        List<List<Map<String, Object>>> answers = engines.queryBoth(compiled.sql(), compiled.paramArray());
        assertThat(Cells.of(answers.get(1))).as(compiled.sql()).isEqualTo(Cells.of(answers.get(0)));
        List<PivotMatrix> matrices = new ArrayList<>();
        for (List<Map<String, Object>> rows : answers) {
            matrices.add(PivotMatrix.assemble(pivot, rows.stream().map(r -> PivotCompiler.group(pivot, r)).toList(), 100_000));
        }
        assertThat(matrices.get(1)).as(compiled.sql()).isEqualTo(matrices.get(0));
        return matrices.get(0);
    }

    /** Every page (two records each) of a drill, each the same on both engines. */
    static List<Map<String, Object>> drill(List<Filter> filters, Map<String, String> cell, DataScope scope) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        do {
            Records records = new RecordsQuery("openDeals", filters, cell, 2, cursor).validate(PivotQueryTests.SHANGHAI);
            CompiledQuery compiled = RecordsCompiler.compile(records, scope, 30);
            List<List<Map<String, Object>>> answers = engines.queryBoth(compiled.sql(), compiled.paramArray());
            assertThat(Cells.of(answers.get(1))).as(compiled.sql()).isEqualTo(Cells.of(answers.get(0)));
            RecordsPage page = RecordsCompiler.page(records, answers.get(0));
            all.addAll(page.records());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }
}
