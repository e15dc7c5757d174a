package com.pulse.olap.query;

import static com.pulse.olap.query.PivotFixture.A;
import static com.pulse.olap.query.PivotFixture.D;
import static com.pulse.olap.query.PivotFixture.E;
import static com.pulse.olap.query.PivotFixture.R1;
import static com.pulse.olap.query.PivotFixture.R2;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The stage transitions, leads, activities and targets cubes: every dimension of each in rows, under another one
 * against a date dimension, and in columns, every measure (the distinct count's grouping levels too), each filter
 * field and every data scope give the same cells on ClickHouse 18.16 and chDB 26.5 over {@link CubesFixture}, and the
 * matrices are the ones worked out by hand, subtotals and totals included.
 */
@Tag("dual-engine")
class CubesDualEngineTests {

    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(CubesDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("opportunities", PivotFixture.superseded());
        engines.insertJsonEachRow("opportunities", PivotFixture.opportunities());
        engines.insertJsonEachRow("stage_transitions", CubesFixture.transitions());
        engines.insertJsonEachRow("stage_transitions", CubesFixture.transitionsAgain());
        engines.insertJsonEachRow("leads", CubesFixture.supersededLeads());
        engines.insertJsonEachRow("leads", CubesFixture.leads());
        engines.insertJsonEachRow("activities", CubesFixture.supersededActivities());
        engines.insertJsonEachRow("activities", CubesFixture.activities());
        engines.insertJsonEachRow("targets", CubesFixture.supersededTargets());
        engines.insertJsonEachRow("targets", CubesFixture.targets());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void everyShapeOfEveryNewCubeGivesTheSameCellsOnBothEngines() {
        int shapes = 0;
        for (Cube cube : List.of(CubeCatalogue.STAGE_TRANSITIONS, CubeCatalogue.LEADS, CubeCatalogue.ACTIVITIES, CubeCatalogue.TARGETS)) {
            List<String> measures = List.copyOf(cube.measures().keySet());
            List<String> names = List.copyOf(cube.dimensions().keySet());
            String date = names.stream().filter(n -> cube.dimensions().get(n).grain() == TimeGrain.MONTH
                    || cube.dimensions().get(n).grain() == TimeGrain.YEAR).findFirst().orElseThrow();
            String first = names.get(0);
            for (String dimension : names) {
                List<List<List<String>>> layouts = new ArrayList<>();
                layouts.add(List.of(List.of(dimension), List.of()));
                // days and weeks alone: X3 is due in 2030, and every day up to then is a row
                TimeGrain grain = cube.dimensions().get(dimension).grain();
                boolean fine = grain == TimeGrain.DAY || grain == TimeGrain.WEEK;
                if (!fine && !dimension.equals(first) && !dimension.equals(date)) {
                    layouts.add(List.of(List.of(first, dimension), List.of(date)));
                }
                if (!fine && !dimension.equals(date)) {
                    layouts.add(List.of(List.of(), List.of(dimension, date)));
                }
                for (List<List<String>> layout : layouts) {
                    for (DataScope scope : List.of(DataScope.ALL, DataScope.team(D), DataScope.owner(R1))) {
                        sameMatrix(new PivotQuery(cube.name(), layout.get(0), layout.get(1), measures, List.of(), null), scope);
                        shapes++;
                    }
                    // each dimension as a filter, and each filter field of the cube
                    sameMatrix(new PivotQuery(cube.name(), layout.get(0), layout.get(1), measures,
                            List.of(Filter.in(dimension, List.of("(none)", "2026-01", "WEB", "CALL", "TEAM", "PROSPECTING"))), null),
                            DataScope.ALL);
                    shapes++;
                }
            }
            for (DateField field : cube.dateFields().values()) {
                sameMatrix(new PivotQuery(cube.name(), List.of(first), List.of(), measures,
                        List.of(Filter.between(field.name(), "2026-01-10", "2026-03-31")), null), DataScope.ALL);
                shapes++;
            }
            for (NumberField field : cube.numberFields().values()) {
                sameMatrix(new PivotQuery(cube.name(), List.of(first), List.of(), measures,
                        List.of(Filter.range(field.name(), "100", "1000.50")), null), DataScope.ALL);
                shapes++;
            }
        }
        assertThat(shapes).isGreaterThan(250);
    }

    @Test
    void transitionsByTargetStageAgainstMonthCountEveryDistinctOpportunityOnce() {
        PivotMatrix m = sameMatrix(new PivotQuery("stageTransitions", List.of("toStage"), List.of("atMonth"),
                List.of("count", "amountBase", "opportunities"), List.of(), null), DataScope.ALL);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of("2026-04"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(List.of("CLOSED_LOST"), List.of("CLOSED_WON"),
                List.of("NEGOTIATION"), List.of("PROSPECTING"), List.of("QUALIFICATION"), List.of());
        Map<String, Object> zero = transitions(0, "0.00", 0);
        assertThat(m.cells().get(0).values()).containsExactly(zero, zero, transitions(1, "300.00", 1), zero, transitions(1, "300.00", 1));
        // T3 in February (02-10 in the company zone), T8 in April (04-01 there)
        assertThat(m.cells().get(1).values()).containsExactly(zero, transitions(1, "200.00", 1), zero, transitions(1, "50.50", 1),
                transitions(2, "250.50", 2));
        // T7 once, though delivered twice
        assertThat(m.cells().get(2).values()).containsExactly(zero, zero, zero, transitions(1, "400.00", 1), transitions(1, "400.00", 1));
        assertThat(m.cells().get(3).values()).containsExactly(transitions(2, "300.00", 2), zero, zero, transitions(1, "999.00", 1),
                transitions(3, "1299.00", 3));
        assertThat(m.cells().get(4).values()).containsExactly(zero, zero, transitions(1, "300.00", 1), zero, transitions(1, "300.00", 1));
        // totals count opportunities, not the sum of the rows: P2 moved in January and February, P3 twice in March
        assertThat(m.cells().get(5).values()).containsExactly(transitions(2, "300.00", 2), transitions(1, "200.00", 1),
                transitions(2, "600.00", 1), transitions(3, "1449.50", 2), transitions(8, "2549.50", 5));
    }

    @Test
    void transitionsByCompanyWeekFillEveryWeekAndFollowTheCurrentOwnerAndTeam() {
        PivotMatrix m = sameMatrix(new PivotQuery("stageTransitions", List.of("atWeek"), List.of(),
                List.of("count", "opportunities"), List.of(), null), DataScope.ALL);
        assertThat(m.cells()).hasSize(15);
        Map<List<String>, Map<String, Object>> byWeek = new LinkedHashMap<>();
        m.cells().forEach(l -> byWeek.put(l.path(), l.values().get(0)));
        assertThat(byWeek.keySet()).startsWith(List.of("2026-01-05"), List.of("2026-01-12")).endsWith(List.of("2026-04-06"), List.of());
        assertThat(byWeek.get(List.of("2026-01-05"))).isEqualTo(Map.of("count", 2L, "opportunities", 2L));
        assertThat(byWeek.get(List.of("2026-01-12"))).isEqualTo(Map.of("count", 0L, "opportunities", 0L));
        assertThat(byWeek.get(List.of("2026-02-09"))).isEqualTo(Map.of("count", 1L, "opportunities", 1L));
        // T5 (Tue 03-31), T8 (Wed 04-01 in the company zone), T6 (Fri 04-03)
        assertThat(byWeek.get(List.of("2026-03-30"))).isEqualTo(Map.of("count", 3L, "opportunities", 3L));
        // T7: Sunday 17:00 UTC is Monday 01:00 in the company zone
        assertThat(byWeek.get(List.of("2026-04-06"))).isEqualTo(Map.of("count", 1L, "opportunities", 1L));
        assertThat(byWeek.get(List.of())).isEqualTo(Map.of("count", 8L, "opportunities", 5L));

        PivotQuery total = new PivotQuery("stageTransitions", List.of(), List.of(), List.of("count", "opportunities"), List.of(), null);
        // department D covers P1–P4 (T1–T7); R2 owns P3 and P4 now, so T6 (moved while R3 owned it) is theirs
        assertThat(grandTotal(sameMatrix(total, DataScope.team(D)))).isEqualTo(Map.of("count", 7L, "opportunities", 4L));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(E)))).isEqualTo(Map.of("count", 1L, "opportunities", 1L));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R2)))).isEqualTo(Map.of("count", 4L, "opportunities", 2L));
        assertThat(grandTotal(sameMatrix(new PivotQuery("stageTransitions", List.of("fromStage"), List.of(),
                List.of("count"), List.of(Filter.eq("fromStage", "(none)")), null), DataScope.ALL))).isEqualTo(Map.of("count", 5L));
    }

    @Test
    void leadsBySourceAndStatusAgainstCreatedMonth() {
        PivotMatrix m = sameMatrix(new PivotQuery("leads", List.of("source", "status"), List.of("createdMonth"),
                List.of("count", "converted", "disqualified", "conversionRate"), List.of(), null), DataScope.ALL);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("EVENT", "DISQUALIFIED"), List.of("EVENT"), List.of("REFERRAL", "NEW"), List.of("REFERRAL"),
                List.of("WEB", "CONVERTED"), List.of("WEB", "DISQUALIFIED"), List.of("WEB"),
                List.of("(none)", "WORKING"), List.of("(none)"), List.of());
        Map<String, Object> zero = leads(0, 0, 0, null);
        assertThat(m.cells().get(1).values()).containsExactly(zero, zero, leads(1, 0, 1, "0.0000"), leads(1, 0, 1, "0.0000"));
        assertThat(m.cells().get(3).values()).containsExactly(zero, leads(1, 0, 0, null), zero, leads(1, 0, 0, null));
        // L1 January; L4 created 01-31 16:30 UTC = February 1st in the company zone
        assertThat(m.cells().get(4).values()).containsExactly(leads(1, 1, 0, "1.0000"), leads(1, 1, 0, "1.0000"), zero,
                leads(2, 2, 0, "1.0000"));
        assertThat(m.cells().get(6).values()).containsExactly(leads(2, 1, 1, "0.5000"), leads(1, 1, 0, "1.0000"), zero,
                leads(3, 2, 1, "0.6667"));
        assertThat(m.cells().get(8).values()).containsExactly(zero, zero, leads(1, 0, 0, null), leads(1, 0, 0, null));
        assertThat(m.cells().get(9).values()).containsExactly(leads(2, 1, 1, "0.5000"), leads(2, 1, 0, "1.0000"),
                leads(2, 0, 1, "0.0000"), leads(6, 2, 2, "0.5000"));

        PivotQuery total = new PivotQuery("leads", List.of(), List.of(), List.of("count"), List.of(), null);
        assertThat(grandTotal(sameMatrix(total, DataScope.team(D)))).isEqualTo(Map.of("count", 3L));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(E)))).isEqualTo(Map.of("count", 2L));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R1)))).isEqualTo(Map.of("count", 2L));
        assertThat(grandTotal(sameMatrix(new PivotQuery("leads", List.of("campaign"), List.of(), List.of("count"),
                List.of(Filter.eq("campaign", CubesFixture.C1)), null), DataScope.ALL))).isEqualTo(Map.of("count", 2L));
    }

    @Test
    void activitiesByTypeAgainstCompletedMonthWithOverdueOnes() {
        PivotMatrix m = sameMatrix(new PivotQuery("activities", List.of("type"), List.of("completedMonth"),
                List.of("count", "completed", "overdue", "completionRate"), List.of(), null), DataScope.ALL);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of("(none)"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("CALL"), List.of("EMAIL"), List.of("MEETING"), List.of("VISIT"), List.of());
        Map<String, Object> zero = activities(0, 0, 0, null);
        // X1 done in January, X2 overdue (due 2026-01-12, not done)
        assertThat(m.cells().get(0).values()).containsExactly(activities(1, 1, 0, "1.0000"), zero, zero,
                activities(1, 0, 1, "0.0000"), activities(2, 1, 1, "0.5000"));
        // X4 completed 02-28 16:30 UTC = March 1st in the company zone
        assertThat(m.cells().get(1).values()).containsExactly(zero, zero, activities(1, 1, 0, "1.0000"), zero,
                activities(1, 1, 0, "1.0000"));
        assertThat(m.cells().get(2).values()).containsExactly(zero, activities(1, 1, 0, "1.0000"), zero, zero,
                activities(1, 1, 0, "1.0000"));
        // X3 due in 2030: open, not overdue
        assertThat(m.cells().get(3).values()).containsExactly(zero, zero, zero, activities(1, 0, 0, "0.0000"),
                activities(1, 0, 0, "0.0000"));
        assertThat(m.cells().get(4).values()).containsExactly(activities(1, 1, 0, "1.0000"), activities(1, 1, 0, "1.0000"),
                activities(1, 1, 0, "1.0000"), activities(2, 0, 1, "0.0000"), activities(5, 3, 1, "0.6000"));

        PivotQuery total = new PivotQuery("activities", List.of(), List.of(), List.of("count"), List.of(), null);
        assertThat(grandTotal(sameMatrix(total, DataScope.team(D)))).isEqualTo(Map.of("count", 3L));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R1)))).isEqualTo(Map.of("count", 2L));
        assertThat(grandTotal(sameMatrix(new PivotQuery("activities", List.of("dueWeek"), List.of(), List.of("count"),
                List.of(Filter.between("dueDate", "2026-01-10", "2026-02-01")), null), DataScope.ALL))).isEqualTo(Map.of("count", 3L));
    }

    @Test
    void targetsByScopeAgainstMetricAndTheManagersSubtree() {
        PivotMatrix m = sameMatrix(new PivotQuery("targets", List.of("scopeType", "scope"), List.of("metric"),
                List.of("count", "value"), List.of(), null), DataScope.ALL);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("ACTIVITIES"), List.of("NEW_LEADS"), List.of("WON_AMOUNT"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("TEAM", A), List.of("TEAM", D), List.of("TEAM", E), List.of("TEAM"),
                List.of("USER", R1), List.of("USER", R2), List.of("USER", PivotFixture.R3), List.of("USER"), List.of());
        Map<String, Object> zero = targets(0, "0.00");
        assertThat(m.cells().get(0).values()).containsExactly(zero, zero, targets(1, "1000000.00"), targets(1, "1000000.00"));
        assertThat(m.cells().get(3).values()).containsExactly(zero, targets(1, "50.00"), targets(2, "1300000.00"),
                targets(3, "1300050.00"));
        // G4 at its latest version
        assertThat(m.cells().get(4).values()).containsExactly(zero, zero, targets(1, "10000.50"), targets(1, "10000.50"));
        assertThat(m.cells().get(7).values()).containsExactly(targets(1, "40.00"), zero, targets(2, "15000.50"),
                targets(3, "15040.50"));
        assertThat(m.cells().get(8).values()).containsExactly(targets(1, "40.00"), targets(1, "50.00"), targets(4, "1315000.50"),
                targets(6, "1315090.50"));

        PivotQuery total = new PivotQuery("targets", List.of(), List.of(), List.of("count", "value"), List.of(), null);
        // D's subtree: teams D and A, owners R1 and R2 (their deals are on D/A)
        assertThat(grandTotal(sameMatrix(total, DataScope.team(D)))).isEqualTo(targets(4, "1315000.50"));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(A)))).isEqualTo(targets(3, "1015000.50"));
        assertThat(grandTotal(sameMatrix(total, DataScope.team(E)))).isEqualTo(targets(2, "90.00"));
        assertThat(grandTotal(sameMatrix(total, DataScope.owner(R1)))).isEqualTo(targets(1, "10000.50"));
        // a manager of A and E: both subtrees' targets, each once; of E only, plus their own USER target
        assertThat(grandTotal(sameMatrix(total, DataScope.teams(List.of(A, E), R1)))).isEqualTo(targets(5, "1015090.50"));
        assertThat(grandTotal(sameMatrix(total, DataScope.teams(List.of(E), R1)))).isEqualTo(targets(3, "10090.50"));
        assertThat(grandTotal(sameMatrix(new PivotQuery("targets", List.of("periodYear"), List.of(), List.of("count", "value"),
                List.of(Filter.between("periodStart", "2026-01-01", "2026-01-31")), null), DataScope.ALL))).isEqualTo(targets(4, "1310040.50"));
    }

    @Test
    void hostileScopesAndMembersFindNothingInAnyNewCube() {
        for (String hostile : HostileStrings.ALL) {
            if (hostile.isBlank() || hostile.length() > PivotQuery.MAX_VALUE_LENGTH) {
                continue;
            }
            for (Cube cube : List.of(CubeCatalogue.STAGE_TRANSITIONS, CubeCatalogue.LEADS, CubeCatalogue.ACTIVITIES, CubeCatalogue.TARGETS)) {
                String dimension = cube.dimensions().keySet().iterator().next();
                PivotQuery q = new PivotQuery(cube.name(), List.of(dimension), List.of(), List.of("count"),
                        List.of(Filter.in(dimension, List.of(hostile))), null);
                assertThat(grandTotal(sameMatrix(q, DataScope.ALL))).containsEntry("count", 0L);
                PivotQuery all = new PivotQuery(cube.name(), List.of(), List.of(), List.of("count"), List.of(), null);
                assertThat(grandTotal(sameMatrix(all, DataScope.team(hostile)))).containsEntry("count", 0L);
                assertThat(grandTotal(sameMatrix(all, DataScope.owner(hostile)))).containsEntry("count", 0L);
            }
        }
    }

    static Map<String, Object> transitions(long count, String amount, long opportunities) {
        return Map.of("count", count, "amountBase", new BigDecimal(amount), "opportunities", opportunities);
    }

    static Map<String, Object> leads(long count, long converted, long disqualified, String rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("converted", converted);
        m.put("disqualified", disqualified);
        m.put("conversionRate", rate == null ? null : new BigDecimal(rate));
        return m;
    }

    static Map<String, Object> activities(long count, long completed, long overdue, String rate) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        m.put("completed", completed);
        m.put("overdue", overdue);
        m.put("completionRate", rate == null ? null : new BigDecimal(rate));
        return m;
    }

    static Map<String, Object> targets(long count, String value) {
        return Map.of("count", count, "value", new BigDecimal(value));
    }

    static Map<String, Object> grandTotal(PivotMatrix m) {
        List<Map<String, Object>> last = m.cells().get(m.cells().size() - 1).values();
        return last.get(last.size() - 1);
    }

    /** Compiles, runs on both engines (same cells required), assembles from each; the matrices must be equal. */
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
}
