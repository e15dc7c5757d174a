package com.pulse.olap.query;

import static com.pulse.olap.query.PivotFixture.A;
import static com.pulse.olap.query.PivotFixture.D;
import static com.pulse.olap.query.PivotFixture.E;
import static com.pulse.olap.query.PivotFixture.R1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every shape of SQL the pivot compiler writes — each dimension of the catalogue in rows, under another row
 * dimension and against date columns, every measure, each kind of filter, every data scope — gives the same cells
 * on ClickHouse 18.16 and chDB 26.5 over {@link PivotFixture}, and the matrix assembled from either engine is the
 * same and the one worked out by hand.
 */
@Tag("dual-engine")
class PivotDualEngineTests {

    static final List<String> ALL_MEASURES = PivotQueryTests.MEASURES;
    static final List<List<Filter>> FILTER_SETS = List.of(
            List.of(),
            List.of(Filter.in("stage", List.of("CLOSED_WON", "CLOSED_LOST")), Filter.eq("region", "(none)")),
            List.of(Filter.range("amountBase", "100", "400"), Filter.range("probability", "10", null)),
            List.of(Filter.between("createdDate", "2026-01-01", "2026-03-31"), Filter.between("closedDate", "2026-02-01", "2026-03-31"),
                    Filter.between("expectedCloseDate", "2026-02-01", "2026-03-31")));
    static final List<DataScope> SCOPES = List.of(DataScope.ALL, DataScope.team(D), DataScope.team(E), DataScope.owner(R1));
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(PivotDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("opportunities", PivotFixture.superseded());
        engines.insertJsonEachRow("opportunities", PivotFixture.opportunities());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void everyQueryShapeGivesTheSameCellsOnBothEngines() {
        int shapes = 0;
        for (String dimension : PivotQueryTests.DIMENSIONS) {
            List<List<List<String>>> layouts = List.of(
                    List.of(List.of(dimension), List.of()),
                    List.of(List.of("stage", dimension), List.of("createdMonth")),
                    List.of(List.of(), List.of(dimension, "closedQuarter")));
            for (List<List<String>> layout : layouts) {
                if (layout.get(0).stream().distinct().count() < layout.get(0).size()
                        || layout.get(0).stream().anyMatch(layout.get(1)::contains)
                        || layout.get(1).stream().distinct().count() < layout.get(1).size()) {
                    continue;
                }
                // every filter set in the company scope, every scope without filters: each adds its own SQL
                for (List<Filter> filters : FILTER_SETS) {
                    sameMatrix(PivotQueryTests.query(layout.get(0), layout.get(1), ALL_MEASURES, filters), DataScope.ALL);
                    shapes++;
                }
                for (DataScope scope : SCOPES.subList(1, SCOPES.size())) {
                    sameMatrix(PivotQueryTests.query(layout.get(0), layout.get(1), ALL_MEASURES, FILTER_SETS.get(1)), scope);
                    shapes++;
                }
            }
        }
        // a whole-table query (no grouping) with each filter set and scope
        for (List<Filter> filters : FILTER_SETS) {
            for (DataScope scope : SCOPES) {
                sameMatrix(PivotQueryTests.query(List.of(), List.of(), ALL_MEASURES, filters), scope);
                shapes++;
            }
        }
        assertThat(shapes).isGreaterThan(300);
    }

    @Test
    void regionByStageAgainstCreatedMonthIsTheHandWorkedMatrix() {
        PivotMatrix m = sameMatrix(PivotQueryTests.query(List.of("region", "stage"), List.of("createdMonth"), ALL_MEASURES, List.of()),
                DataScope.ALL);

        // counted: P1 P2 P3 P4 P5 P7 (P6 deleted; the superseded P4 and P6 versions not read)
        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("2026-01"), List.of("2026-02"), List.of("2026-03"), List.of("2026-04"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("East", "CLOSED_WON"), List.of("East", "PROSPECTING"), List.of("East"),
                List.of("North", "QUALIFICATION"), List.of("North"),
                List.of("West", "CLOSED_LOST"), List.of("West", "NEGOTIATION"), List.of("West"),
                List.of("(none)", "CLOSED_WON"), List.of("(none)"), List.of());
        Map<List<String>, Map<String, Object>> byRow = totalColumn(m);
        // East: P1 100 × 10 %, P2 200 won
        assertThat(byRow.get(List.of("East"))).isEqualTo(cell(2, "300.00", "210.00", "150.00", "1.0000"));
        // West: P3 300 lost, P4 400 × 80 %
        assertThat(byRow.get(List.of("West"))).isEqualTo(cell(2, "700.00", "320.00", "350.00", "0.0000"));
        assertThat(byRow.get(List.of("West", "NEGOTIATION"))).isEqualTo(cell(1, "400.00", "320.00", "400.00", null));
        // (none): P5 50.50 won (region '')
        assertThat(byRow.get(List.of("(none)"))).isEqualTo(cell(1, "50.50", "50.50", "50.50", "1.0000"));
        assertThat(byRow.get(List.of("North"))).isEqualTo(cell(1, "10.00", "2.00", "10.00", null));
        // all: 1060.50 / 6 = 176.75; won P2 P5, lost P3
        assertThat(byRow.get(List.of())).isEqualTo(cell(6, "1060.50", "582.50", "176.75", "0.6667"));

        List<Map<String, Object>> total = m.cells().get(m.cells().size() - 1).values();
        assertThat(total).containsExactly(
                cell(2, "300.00", "210.00", "150.00", "1.0000"),   // January: P1 P2
                cell(0, "0.00", "0.00", null, null),               // February: nothing created, present as zero
                cell(2, "350.50", "50.50", "175.25", "0.5000"),    // March: P3 P5
                cell(2, "410.00", "322.00", "205.00", null),       // April: P4 P7
                cell(6, "1060.50", "582.50", "176.75", "0.6667"));
        // the East subtotal by month: P1 P2 in January only
        assertThat(m.cells().get(2).values().get(0)).isEqualTo(cell(2, "300.00", "210.00", "150.00", "1.0000"));
        assertThat(m.cells().get(2).values().get(2)).isEqualTo(cell(0, "0.00", "0.00", null, null));
    }

    @Test
    void teamsAndOwnersWithTheirSubtotalsAndTheDataScopes() {
        PivotQuery byTeam = PivotQueryTests.query(List.of("team", "owner"), List.of(), List.of("count", "amountBase"), List.of());
        PivotMatrix all = sameMatrix(byTeam, DataScope.ALL);
        assertThat(all.cells()).extracting(l -> List.of(l.path(), l.values().get(0))).containsExactly(
                List.of(List.of(A, R1), Map.of("count", 2L, "amountBase", new BigDecimal("300.00"))),
                List.of(List.of(A, PivotFixture.R2), Map.of("count", 2L, "amountBase", new BigDecimal("700.00"))),
                List.of(List.of(A), Map.of("count", 4L, "amountBase", new BigDecimal("1000.00"))),
                List.of(List.of(E, PivotFixture.R3), Map.of("count", 1L, "amountBase", new BigDecimal("50.50"))),
                List.of(List.of(E), Map.of("count", 1L, "amountBase", new BigDecimal("50.50"))),
                List.of(List.of("(none)", "(none)"), Map.of("count", 1L, "amountBase", new BigDecimal("10.00"))),
                List.of(List.of("(none)"), Map.of("count", 1L, "amountBase", new BigDecimal("10.00"))),
                List.of(List.of(), Map.of("count", 6L, "amountBase", new BigDecimal("1060.50"))));

        // department D covers team A below it; E has P5 only (P4's old version in E is superseded); R1 owns P1 P2
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.team(D)))).containsEntry("count", 4L);
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.team(A)))).containsEntry("count", 4L);
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.team(E)))).containsEntry("amountBase", new BigDecimal("50.50"));
        PivotMatrix r1 = sameMatrix(byTeam, DataScope.owner(R1));
        assertThat(r1.cells()).extracting(PivotMatrix.Line::path).containsExactly(List.of(A, R1), List.of(A), List.of());
        // a filter naming someone else's deals cannot widen the scope
        PivotMatrix widened = sameMatrix(PivotQueryTests.query(List.of("owner"), List.of(), List.of("count"),
                List.of(Filter.in("owner", List.of(PivotFixture.R2, PivotFixture.R3)))), DataScope.owner(R1));
        assertThat(widened.cells()).hasSize(1);
        assertThat(grandTotal(widened)).containsEntry("count", 0L);
    }

    @Test
    void aManagersSeveralTeamsAndOwnRecordsCountEachDealOnceOnBothEngines() {
        PivotQuery byTeam = PivotQueryTests.query(List.of("team"), List.of(), List.of("count", "amountBase"), List.of());
        // E's P5 and R1's own P1 P2 (in A, which is not managed)
        PivotMatrix eAndR1 = sameMatrix(byTeam, DataScope.teams(List.of(E), R1));
        assertThat(eAndR1.cells()).extracting(l -> List.of(l.path(), l.values().get(0))).containsExactly(
                List.of(List.of(A), Map.of("count", 2L, "amountBase", new BigDecimal("300.00"))),
                List.of(List.of(E), Map.of("count", 1L, "amountBase", new BigDecimal("50.50"))),
                List.of(List.of(), Map.of("count", 3L, "amountBase", new BigDecimal("350.50"))));
        // A and E with R3 (whose P5 is in E): P1-P5 once each, not P5 twice, not P7 (no path)
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.teams(List.of(A, E), PivotFixture.R3))))
                .isEqualTo(Map.of("count", 5L, "amountBase", new BigDecimal("1050.50")));
        // D and A below it: A's four deals once each; a manager owning nothing adds nothing
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.teams(List.of(D, A), "0f000000-0000-4000-8000-0000000000f1"))))
                .isEqualTo(Map.of("count", 4L, "amountBase", new BigDecimal("1000.00")));
        // managing nothing: their own deals only
        assertThat(grandTotal(sameMatrix(byTeam, DataScope.teams(List.of(), R1))))
                .isEqualTo(Map.of("count", 2L, "amountBase", new BigDecimal("300.00")));
        for (String hostile : HostileStrings.ALL) {
            if (!hostile.isBlank() && hostile.length() <= PivotQuery.MAX_VALUE_LENGTH) {
                assertThat(grandTotal(sameMatrix(byTeam, DataScope.teams(List.of(hostile, E), hostile))))
                        .as(hostile).containsEntry("count", 1L);
            }
        }
    }

    @Test
    void filtersAreTheHandWorkedOnes() {
        // closed in [Feb 1, Mar 31] in the company zone: P2, P3 (23:59:59 on Mar 31 there); not P5 (00:00 Apr 1)
        assertThat(countOf(List.of(Filter.between("closedDate", "2026-02-01", "2026-03-31")))).isEqualTo(2L);
        // created in Q1: P1 P2 P3 P5
        assertThat(countOf(List.of(Filter.between("createdDate", "2026-01-01", "2026-03-31")))).isEqualTo(4L);
        // expected to close in March: P1 (31st), P3, P5; not P4 (April 1st)
        assertThat(countOf(List.of(Filter.between("expectedCloseDate", "2026-03-01", "2026-03-31")))).isEqualTo(3L);
        // 100 ≤ amount < 400: P1 P2 P3
        assertThat(countOf(List.of(Filter.range("amountBase", "100", "400")))).isEqualTo(3L);
        assertThat(countOf(List.of(Filter.range("amountBase", "50.50", "50.51")))).isEqualTo(1L);
        assertThat(countOf(List.of(Filter.range("probability", "80", null)))).isEqualTo(3L);
        assertThat(countOf(List.of(Filter.eq("region", "(none)")))).isEqualTo(1L);
        assertThat(countOf(List.of(Filter.eq("owner", "(none)")))).isEqualTo(1L);
        assertThat(countOf(List.of(Filter.eq("closedQuarter", "2026-Q1")))).isEqualTo(2L);
        assertThat(countOf(List.of(Filter.in("closedMonth", List.of("2026-04", "(none)"))))).isEqualTo(4L);
        assertThat(countOf(List.of(Filter.eq("expectedCloseYear", "2026"), Filter.eq("stage", "CLOSED_WON")))).isEqualTo(2L);
    }

    @Test
    void hostileFilterValuesAndScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            if (hostile.length() > PivotQuery.MAX_VALUE_LENGTH) {
                continue;
            }
            for (String dimension : List.of("owner", "region", "closedMonth")) {
                PivotMatrix m = sameMatrix(PivotQueryTests.query(List.of(dimension), List.of(), List.of("count"),
                        List.of(Filter.in(dimension, List.of(hostile)))), DataScope.ALL);
                assertThat(grandTotal(m)).containsEntry("count", 0L);
            }
            if (hostile.isBlank()) {
                assertThatThrownBy(() -> DataScope.team(hostile)).isInstanceOf(IllegalArgumentException.class);
                continue;
            }
            assertThat(grandTotal(sameMatrix(PivotQueryTests.query(List.of(), List.of(), List.of("count"), List.of()),
                    DataScope.team(hostile)))).containsEntry("count", 0L);
            assertThat(grandTotal(sameMatrix(PivotQueryTests.query(List.of(), List.of(), List.of("count"), List.of()),
                    DataScope.owner(hostile)))).containsEntry("count", 0L);
        }
    }

    private static long countOf(List<Filter> filters) {
        return (Long) grandTotal(sameMatrix(PivotQueryTests.query(List.of("stage"), List.of(), List.of("count"), filters), DataScope.ALL))
                .get("count");
    }

    static Map<String, Object> grandTotal(PivotMatrix m) {
        List<Map<String, Object>> last = m.cells().get(m.cells().size() - 1).values();
        return last.get(last.size() - 1);
    }

    private static Map<List<String>, Map<String, Object>> totalColumn(PivotMatrix m) {
        Map<List<String>, Map<String, Object>> out = new HashMap<>();
        m.cells().forEach(l -> out.put(l.path(), l.values().get(l.values().size() - 1)));
        return out;
    }

    static Map<String, Object> cell(long count, String amount, String weighted, String avg, String winRate) {
        Map<String, Object> cell = new java.util.LinkedHashMap<>();
        cell.put("count", count);
        cell.put("amountBase", new BigDecimal(amount));
        cell.put("weighted", new BigDecimal(weighted));
        cell.put("avgDealSize", avg == null ? null : new BigDecimal(avg));
        cell.put("winRate", winRate == null ? null : new BigDecimal(winRate));
        return cell;
    }

    /** Compiles, runs on both engines (same cells required), assembles from each; the matrices must be equal. */
    static PivotMatrix sameMatrix(PivotQuery query, DataScope scope) {
        Pivot pivot = query.validate(PivotQueryTests.SHANGHAI);
        CompiledQuery compiled = PivotCompiler.compile(pivot, scope, 100_000, 30);
        List<List<Map<String, Object>>> answers = engines.queryBoth(compiled.sql(), compiled.paramArray());
        // the same cells (numbers by value, Decimal scale aside), in the same order
        assertThat(Cells.of(answers.get(1))).as(compiled.sql()).isEqualTo(Cells.of(answers.get(0)));
        List<PivotMatrix> matrices = new ArrayList<>();
        for (List<Map<String, Object>> rows : answers) {
            matrices.add(PivotMatrix.assemble(pivot, rows.stream().map(r -> PivotCompiler.group(pivot, r)).toList(), 100_000));
        }
        assertThat(matrices.get(1)).as(compiled.sql()).isEqualTo(matrices.get(0));
        return matrices.get(0);
    }
}
