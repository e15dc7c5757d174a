package com.pulse.olap.query;

import static com.pulse.olap.query.PivotQueryTests.SHANGHAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.pulse.clickhouse.dualengine.HostileStrings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsQueryTests {

    static RecordsQuery query(List<Filter> filters, Map<String, String> cell, Integer pageSize, String cursor) {
        return new RecordsQuery("opportunities", filters, cell, pageSize, cursor);
    }

    static InvalidQuery invalid(RecordsQuery query) {
        return catchThrowableOfType(InvalidQuery.class, () -> query.validate(SHANGHAI));
    }

    @Test
    void theCellsCoordinatesBecomeTheMemberConditionsThePivotGroupedBy() {
        Map<String, String> cell = new LinkedHashMap<>();
        cell.put("region", "East");
        cell.put("createdMonth", "2026-03");
        Records records = query(List.of(Filter.eq("stage", "PROPOSAL")), cell, null, null).validate(SHANGHAI);

        Cube cube = CubeCatalogue.OPPORTUNITIES;
        assertThat(records.conditions()).containsExactly(
                new Condition(cube.dimension("stage").orElseThrow().sql() + " = ?", List.of("PROPOSAL")),
                new Condition(cube.dimension("region").orElseThrow().sql() + " = ?", List.of("East")),
                new Condition(cube.dimension("createdMonth").orElseThrow().sql() + " = ?", List.of("2026-03")));
        assertThat(records.cell()).containsExactly(Map.entry("region", "East"), Map.entry("createdMonth", "2026-03"));
        assertThat(records.pageSize()).isEqualTo(50);
        assertThat(records.after()).isNull();
    }

    @Test
    void badNamesPageSizesAndCursorsAreRefusedNamingTheField() {
        InvalidQuery cube = invalid(new RecordsQuery("leads", List.of(), Map.of(), null, null));
        assertThat(cube.field()).isEqualTo("cube");
        assertThat(cube.validValues()).containsExactly("opportunities", "openDeals");

        InvalidQuery dimension = invalid(query(List.of(), Map.of("owner_id", "x"), null, null));
        assertThat(dimension.field()).isEqualTo("cell");
        assertThat(dimension.validValues()).containsExactlyElementsOf(PivotQueryTests.DIMENSIONS);

        Map<String, String> missing = new LinkedHashMap<>();
        missing.put("stage", null);
        assertThat(invalid(query(List.of(), missing, null, null)).field()).isEqualTo("cell.stage");
        assertThat(invalid(query(List.of(), Map.of("stage", "x".repeat(1001)), null, null)).field()).isEqualTo("cell.stage");
        assertThat(invalid(query(List.of(Filter.eq("stage", null)), Map.of(), null, null)).field()).isEqualTo("filters[0].value");

        assertThat(invalid(query(List.of(), Map.of(), 0, null)).field()).isEqualTo("pageSize");
        assertThat(invalid(query(List.of(), Map.of(), 501, null)).field()).isEqualTo("pageSize");
        assertThat(query(List.of(), Map.of(), 500, null).validate(SHANGHAI).pageSize()).isEqualTo(500);

        for (String hostile : HostileStrings.ALL) {
            assertThat(invalid(query(List.of(), Map.of(), null, hostile)).field()).as(hostile).isEqualTo("cursor");
            // a well-formed cursor must still carry a key
            String encoded = Base64.getUrlEncoder().encodeToString(hostile.getBytes(StandardCharsets.UTF_8));
            assertThat(invalid(query(List.of(), Map.of(), null, encoded)).field()).as(hostile).isEqualTo("cursor");
        }
    }

    @Test
    void aCursorResumesAfterTheKeyItWasGivenFor() {
        String key = PivotFixture.P3;
        Records records = query(List.of(), Map.of(), 2, RecordsQuery.cursorAfter(key)).validate(SHANGHAI);
        assertThat(records.after()).isEqualTo(key);
    }

    @Test
    void theSqlBindsEveryValueAndKeepsTheScopeBeforeTheCallersConditions() {
        String hostile = "East' OR 1=1 --";
        Records records = query(List.of(Filter.in("stage", List.of(hostile))), Map.of("region", hostile), 10,
                RecordsQuery.cursorAfter(PivotFixture.P1)).validate(SHANGHAI);
        CompiledQuery q = RecordsCompiler.compile(records, DataScope.team(hostile), 7);

        assertThat(q.sql()).doesNotContain(hostile).doesNotContain("OR 1=1");
        assertThat(q.sql()).containsSubsequence("WHERE deleted = 0", "has(splitByChar('/', team_path), ?)",
                "IN ?", " = ?", "toString(id) > ?", "ORDER BY r_key", "LIMIT ?", "max_execution_time = ?");
        assertThat(q.params()).containsExactly(hostile, List.of(hostile), hostile, PivotFixture.P1, 11, 7);
    }

    @Test
    void aPageIsAtMostThePageSizeWithACursorOnlyWhenMoreFollow() {
        Records records = query(List.of(), Map.of(), 2, null).validate(SHANGHAI);
        List<Map<String, Object>> rows = List.of(row(PivotFixture.P1), row(PivotFixture.P2), row(PivotFixture.P3));

        RecordsPage page = RecordsCompiler.page(records, rows);
        assertThat(page.records()).extracting(r -> r.get("id")).containsExactly(PivotFixture.P1, PivotFixture.P2);
        assertThat(page.records().get(0).get("href")).isEqualTo("/api/v1/opportunities/" + PivotFixture.P1);
        assertThat(page.records().get(0).get("createdAt")).isEqualTo("2026-01-05T00:00:00Z");
        assertThat(page.records().get(0).get("closedAt")).isNull();
        assertThat(page.records().get(0).get("amountBase")).isEqualTo(new java.math.BigDecimal("100.00"));
        assertThat(query(List.of(), Map.of(), 2, page.nextCursor()).validate(SHANGHAI).after()).isEqualTo(PivotFixture.P2);

        assertThat(RecordsCompiler.page(records, rows.subList(0, 2)).nextCursor()).isNull();
    }

    private static Map<String, Object> row(String id) {
        Map<String, Object> row = new LinkedHashMap<>();
        List<RecordColumn> columns = DrillThrough.OPPORTUNITIES.columns();
        for (int i = 0; i < columns.size(); i++) {
            Object value = switch (columns.get(i).name()) {
                case "id" -> id;
                case "amountBase" -> "100";
                case "probability" -> 10L;
                case "createdAt", "updatedAt" -> 1767571200L;
                default -> null;
            };
            row.put("r" + i, value);
        }
        row.put("r_key", id);
        return row;
    }
}
