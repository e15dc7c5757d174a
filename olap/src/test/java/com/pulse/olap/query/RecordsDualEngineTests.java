package com.pulse.olap.query;

import static com.pulse.olap.query.PivotFixture.D;
import static com.pulse.olap.query.PivotFixture.E;
import static com.pulse.olap.query.PivotFixture.P1;
import static com.pulse.olap.query.PivotFixture.P2;
import static com.pulse.olap.query.PivotFixture.R1;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulse.clickhouse.dualengine.Cells;
import com.pulse.clickhouse.dualengine.DualEngine;
import com.pulse.clickhouse.dualengine.HostileStrings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Drill-through on ClickHouse 18.16 and chDB 26.5 over {@link PivotFixture}: the same pages on both engines, and
 * for every cell of several pivots (members, subtotals, totals; with filters and in each data scope) the records
 * paged through are exactly the facts the cell counted — as many as its {@code count}, Σ amountBase its
 * {@code amountBase}.
 */
@Tag("dual-engine")
class RecordsDualEngineTests {

    static final List<List<List<String>>> LAYOUTS = List.of(
            List.of(List.of("region", "stage"), List.of("createdMonth")),
            List.of(List.of("team", "owner"), List.of("closedQuarter")),
            List.of(List.of("expectedCloseMonth"), List.of("tier", "forecastCategory", "closedYear")));
    static DualEngine engines;

    @BeforeAll
    static void open() {
        engines = DualEngine.open(RecordsDualEngineTests.class);
        engines.migrate();
        engines.insertJsonEachRow("opportunities", PivotFixture.superseded());
        engines.insertJsonEachRow("opportunities", PivotFixture.opportunities());
    }

    @AfterAll
    static void close() {
        engines.close();
    }

    @Test
    void everyCellsRecordsAreTheFactsItCounted() {
        int cells = 0;
        for (List<List<String>> layout : LAYOUTS) {
            for (List<Filter> filters : PivotDualEngineTests.FILTER_SETS) {
                cells += drillEveryCell(layout, filters, DataScope.ALL);
            }
            for (DataScope scope : PivotDualEngineTests.SCOPES.subList(1, PivotDualEngineTests.SCOPES.size())) {
                cells += drillEveryCell(layout, PivotDualEngineTests.FILTER_SETS.get(0), scope);
            }
        }
        assertThat(cells).isGreaterThan(300);
    }

    @Test
    void aCellsRecordsCarryTheFactsFieldsInKeyOrder() {
        List<Map<String, Object>> records = drill(List.of(), Map.of("region", "East", "createdMonth", "2026-01"), DataScope.ALL, 50);

        // East, created in January: P1 and P2 (P6 is East too but deleted)
        assertThat(records).extracting(r -> r.get("id")).containsExactly(P1, P2);
        Map<String, Object> p2 = records.get(1);
        assertThat(p2).containsEntry("href", "/api/v1/opportunities/" + P2)
                .containsEntry("owner", R1).containsEntry("team", PivotFixture.A).containsEntry("teamPath", D + "/" + PivotFixture.A)
                .containsEntry("account", null).containsEntry("region", "East").containsEntry("industry", "Retail")
                .containsEntry("tier", "(none)").containsEntry("stage", "CLOSED_WON").containsEntry("forecastCategory", "PIPELINE")
                .containsEntry("amountBase", new BigDecimal("200.00")).containsEntry("probability", 100L)
                .containsEntry("expectedCloseDate", "2026-02-15").containsEntry("createdAt", "2026-01-10T00:00:00Z")
                .containsEntry("closedAt", "2026-02-10T00:00:00Z").containsEntry("updatedAt", "2026-05-01T00:00:00Z");
        assertThat(records.get(0)).containsEntry("closedAt", null);

        // (none) and period members: P7 has no owner; P5 closed on April 1st in the company zone
        assertThat(drill(List.of(), Map.of("owner", "(none)"), DataScope.ALL, 50)).extracting(r -> r.get("id"))
                .containsExactly(PivotFixture.P7);
        assertThat(drill(List.of(), Map.of("closedMonth", "2026-04", "closedQuarter", "2026-Q2"), DataScope.ALL, 50))
                .extracting(r -> r.get("id")).containsExactly(PivotFixture.P5);
    }

    @Test
    void pagingByKeyGivesEveryRecordOnceInOrderWhateverThePageSize() {
        List<Map<String, Object>> whole = drill(List.of(), Map.of(), DataScope.ALL, 500);
        assertThat(whole).extracting(r -> r.get("id")).containsExactly(P1, P2, PivotFixture.P3, PivotFixture.P4,
                PivotFixture.P5, PivotFixture.P7);
        for (int size = 1; size <= 6; size++) {
            assertThat(drill(List.of(), Map.of(), DataScope.ALL, size)).as("page size " + size).isEqualTo(whole);
        }
    }

    @Test
    void theDataScopeAppliesBeforeTheCell() {
        // R1's own deals only, even when the cell names another owner
        assertThat(drill(List.of(), Map.of(), DataScope.owner(R1), 50)).extracting(r -> r.get("id")).containsExactly(P1, P2);
        assertThat(drill(List.of(), Map.of("owner", PivotFixture.R2), DataScope.owner(R1), 50)).isEmpty();
        assertThat(drill(List.of(), Map.of(), DataScope.team(E), 50)).extracting(r -> r.get("id")).containsExactly(PivotFixture.P5);
    }

    @Test
    void hostileCellMembersAndScopesFindNothingOnEitherEngine() {
        for (String hostile : HostileStrings.ALL) {
            if (hostile.length() > PivotQuery.MAX_VALUE_LENGTH) {
                continue;
            }
            for (String dimension : List.of("owner", "region", "closedMonth", "createdQuarter")) {
                assertThat(drill(List.of(), Map.of(dimension, hostile), DataScope.ALL, 50)).as(hostile).isEmpty();
            }
            if (!hostile.isBlank()) {
                assertThat(drill(List.of(), Map.of(), DataScope.owner(hostile), 50)).isEmpty();
            }
        }
    }

    // Drills each row key × column key of the pivot; returns how many cells were checked.
    private static int drillEveryCell(List<List<String>> layout, List<Filter> filters, DataScope scope) {
        PivotQuery query = PivotQueryTests.query(layout.get(0), layout.get(1), List.of("count", "amountBase"), filters);
        PivotMatrix m = matrix(query, scope);
        int checked = 0;
        for (PivotMatrix.Line line : m.cells()) {
            for (int j = 0; j < m.columnKeys().size(); j++) {
                Map<String, String> cell = new LinkedHashMap<>();
                for (int i = 0; i < line.path().size(); i++) {
                    cell.put(m.rows().get(i), line.path().get(i));
                }
                List<String> column = m.columnKeys().get(j).path();
                for (int i = 0; i < column.size(); i++) {
                    cell.put(m.columns().get(i), column.get(i));
                }
                Map<String, Object> values = line.values().get(j);
                List<Map<String, Object>> records = drill(filters, cell, scope, 2);
                assertThat((long) records.size()).as(cell + " " + filters + " " + scope).isEqualTo(values.get("count"));
                BigDecimal sum = records.stream().map(r -> (BigDecimal) r.get("amountBase")).reduce(new BigDecimal("0.00"), BigDecimal::add);
                assertThat(sum).as(cell + " " + filters + " " + scope).isEqualTo(values.get("amountBase"));
                Set<Object> ids = new HashSet<>();
                records.forEach(r -> assertThat(ids.add(r.get("id"))).isTrue());
                checked++;
            }
        }
        return checked;
    }

    private static PivotMatrix matrix(PivotQuery query, DataScope scope) {
        Pivot pivot = query.validate(PivotQueryTests.SHANGHAI);
        CompiledQuery compiled = PivotCompiler.compile(pivot, scope, 100_000, 30);
        List<Map<String, Object>> rows = engines.server().query(compiled.sql(), compiled.paramArray());
        return PivotMatrix.assemble(pivot, rows.stream().map(r -> PivotCompiler.group(pivot, r)).toList(), 100_000);
    }

    /** Every page of a drill, each the same on both engines, concatenated. */
    static List<Map<String, Object>> drill(List<Filter> filters, Map<String, String> cell, DataScope scope, int pageSize) {
        List<Map<String, Object>> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Records records = new RecordsQuery("opportunities", filters, cell, pageSize, cursor).validate(PivotQueryTests.SHANGHAI);
            CompiledQuery compiled = RecordsCompiler.compile(records, scope, 30);
            List<List<Map<String, Object>>> answers = engines.queryBoth(compiled.sql(), compiled.paramArray());
            assertThat(Cells.of(answers.get(1))).as(compiled.sql()).isEqualTo(Cells.of(answers.get(0)));
            RecordsPage page = RecordsCompiler.page(records, answers.get(0));
            assertThat(RecordsCompiler.page(records, answers.get(1))).isEqualTo(page);
            assertThat(page.records().size()).isLessThanOrEqualTo(pageSize);
            all.addAll(page.records());
            cursor = page.nextCursor();
            assertThat(++pages).isLessThan(100);
        } while (cursor != null);
        return all;
    }
}
