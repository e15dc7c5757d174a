package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PivotMatrixTests {

    static PivotCompiler.Group group(List<String> row, List<String> column, long count, String amount) {
        return new PivotCompiler.Group(row, column, new Components(count, new BigDecimal(amount), BigDecimal.ZERO, 0, 0));
    }

    static Pivot pivot(List<String> rows, List<String> columns, Sort sort) {
        return new PivotQuery("opportunities", rows, columns, List.of("count", "amountBase", "avgDealSize"), List.of(), sort)
                .validate(PivotQueryTests.SHANGHAI);
    }

    @Test
    void subtotalsFollowTheirChildrenAndTheGrandTotalComesLast() {
        PivotMatrix m = PivotMatrix.assemble(pivot(List.of("region", "stage"), List.of(), null), List.of(
                group(List.of("West", "WON"), List.of(), 1, "10.00"),
                group(List.of("East", "WON"), List.of(), 2, "20.00"),
                group(List.of("East", "LOST"), List.of(), 3, "30.01"),
                group(List.of("(none)", "WON"), List.of(), 4, "40.00")), 1000);

        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("East", "LOST"), List.of("East", "WON"), List.of("East"),
                List.of("West", "WON"), List.of("West"),
                List.of("(none)", "WON"), List.of("(none)"), List.of());
        assertThat(m.cells()).extracting(PivotMatrix.Line::kind).containsExactly(
                "member", "member", "subtotal", "member", "subtotal", "member", "subtotal", "total");
        assertThat(m.cells().get(2).values()).containsExactly(
                Map.of("count", 5L, "amountBase", new BigDecimal("50.01"), "avgDealSize", new BigDecimal("10.00")));
        assertThat(m.cells().get(7).values().get(0)).containsEntry("count", 10L).containsEntry("amountBase", new BigDecimal("100.01"));
        assertThat(m.columnKeys()).containsExactly(new PivotMatrix.Key(List.of(), 0, "total"));
        assertThat(m.rowHeaders()).extracting(PivotMatrix.Header::member).containsExactly("East", "West", "(none)");
        assertThat(m.rowHeaders().get(0).children()).extracting(PivotMatrix.Header::member).containsExactly("LOST", "WON");
    }

    @Test
    void monthsBetweenTheFirstAndLastArePresentAsZeroUnderEveryParent() {
        PivotMatrix m = PivotMatrix.assemble(pivot(List.of("stage"), List.of("createdMonth"), null), List.of(
                group(List.of("WON"), List.of("2025-11"), 1, "1.00"),
                group(List.of("LOST"), List.of("2026-02"), 1, "2.00"),
                group(List.of("LOST"), List.of("(none)"), 1, "3.00")), 1000);

        assertThat(m.columnKeys()).extracting(PivotMatrix.Key::path).containsExactly(
                List.of("2025-11"), List.of("2025-12"), List.of("2026-01"), List.of("2026-02"), List.of("(none)"), List.of());
        PivotMatrix.Line won = m.cells().get(1);
        assertThat(won.path()).containsExactly("WON");
        assertThat(won.values()).extracting(v -> v.get("count")).containsExactly(1L, 0L, 0L, 0L, 0L, 1L);
        assertThat(won.values().get(1)).containsEntry("amountBase", new BigDecimal("0.00")).containsEntry("avgDealSize", null);
    }

    @Test
    void siblingsCanBeOrderedByAMeasureOfTheirTotal() {
        List<PivotCompiler.Group> groups = List.of(
                group(List.of("A", "x"), List.of(), 1, "5.00"),
                group(List.of("A", "y"), List.of(), 1, "50.00"),
                group(List.of("B", "x"), List.of(), 1, "100.00"));
        PivotMatrix m = PivotMatrix.assemble(pivot(List.of("region", "stage"), List.of(), new Sort("amountBase", "desc")), groups, 1000);
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("B", "x"), List.of("B"), List.of("A", "y"), List.of("A", "x"), List.of("A"), List.of());
    }

    @Test
    void moreCellsThanTheCapIsRefused() {
        List<PivotCompiler.Group> groups = List.of(
                group(List.of("A"), List.of("2020-01"), 1, "1.00"),
                group(List.of("B"), List.of("2026-12"), 1, "1.00"));
        // 3 rows × 85 columns (84 months and the total) × 3 measures
        assertThatThrownBy(() -> PivotMatrix.assemble(pivot(List.of("region"), List.of("closedMonth"), null), groups, 700))
                .isInstanceOf(CellCapExceeded.class).hasMessageContaining("765 cells");
        assertThat(PivotMatrix.assemble(pivot(List.of("region"), List.of("closedMonth"), null), groups, 765).cells()).hasSize(3);
        assertThatThrownBy(() -> PivotMatrix.assemble(pivot(List.of("region"), List.of(), null), groups, 1))
                .isInstanceOf(CellCapExceeded.class);
    }
}
