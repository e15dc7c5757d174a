package com.pulse.olap.query;

import static com.pulse.olap.query.PivotMatrixTests.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopMembersTests {

    static final List<PivotCompiler.Group> GROUPS = List.of(
            group(List.of("East", "WON"), List.of(), 1, "200.00"),
            group(List.of("East", "OPEN"), List.of(), 1, "100.00"),
            group(List.of("West", "LOST"), List.of(), 1, "300.00"),
            group(List.of("West", "OPEN"), List.of(), 2, "400.00"),
            group(List.of("(none)", "WON"), List.of(), 1, "50.50"),
            group(List.of("North", "OPEN"), List.of(), 1, "10.00"));

    static Pivot pivot(Top top, List<Top> byLevel) {
        return new PivotQuery("opportunities", List.of("region", "stage"), List.of(), List.of("count", "amountBase"), List.of(),
                null, top, byLevel).validate(PivotQueryTests.SHANGHAI);
    }

    @Test
    void theFirstNMembersByTheMeasureAreKeptAndTheRestFoldedIntoOther() {
        PivotMatrix m = PivotMatrix.assemble(pivot(new Top(2, "amountBase"), null), GROUPS, 1000);

        // regions by amount: West 700, East 300 kept (shown in member order); (none) 50.50 and North 10 folded;
        // under each kept region its 2 stages fit
        assertThat(m.cells()).extracting(PivotMatrix.Line::path, PivotMatrix.Line::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(List.of("East", "OPEN"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("East", "WON"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("East"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of("West", "LOST"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("West", "OPEN"), "member"),
                org.assertj.core.groups.Tuple.tuple(List.of("West"), "subtotal"),
                org.assertj.core.groups.Tuple.tuple(List.of("(other)"), "other"),
                org.assertj.core.groups.Tuple.tuple(List.of(), "total"));
        assertThat(m.cells().get(6).values().get(0)).isEqualTo(Map.of("count", 2L, "amountBase", new BigDecimal("60.50")));
        // the grand total is every fact's, not only the kept ones'
        assertThat(m.cells().get(7).values().get(0)).isEqualTo(Map.of("count", 7L, "amountBase", new BigDecimal("1060.50")));
        assertThat(m.rowHeaders()).extracting(PivotMatrix.Header::member).containsExactly("East", "West", "(other)");
        assertThat(m.rowHeaders().get(2).children()).isEmpty();
    }

    @Test
    void eachLevelHasItsOwnLimitAndTiesGoByMember() {
        PivotMatrix m = PivotMatrix.assemble(pivot(null, java.util.Arrays.asList(null, new Top(1, "count"))), GROUPS, 1000);

        // every region kept; one stage each: East's two have count 1 each → OPEN before WON; West's OPEN has 2
        assertThat(m.cells()).extracting(PivotMatrix.Line::path).containsExactly(
                List.of("East", "OPEN"), List.of("East", "(other)"), List.of("East"),
                List.of("North", "OPEN"), List.of("North"),
                List.of("West", "OPEN"), List.of("West", "(other)"), List.of("West"),
                List.of("(none)", "WON"), List.of("(none)"), List.of());
        assertThat(m.cells().get(1).values().get(0)).isEqualTo(Map.of("count", 1L, "amountBase", new BigDecimal("200.00")));
        assertThat(m.cells().get(2).values().get(0)).isEqualTo(Map.of("count", 2L, "amountBase", new BigDecimal("300.00")));
        assertThat(m.cells().get(6).values().get(0)).isEqualTo(Map.of("count", 1L, "amountBase", new BigDecimal("300.00")));
    }

    @Test
    void aLimitAsLargeAsTheMembersChangesNothing() {
        assertThat(PivotMatrix.assemble(pivot(new Top(4, "count"), null), GROUPS, 1000))
                .isEqualTo(PivotMatrix.assemble(pivot(null, null), GROUPS, 1000));
    }

    @Test
    void badLimitsAreRefusedNamingTheField() {
        assertThat(invalid(new Top(0, "count"), null).field()).isEqualTo("top.n");
        assertThat(invalid(new Top(1001, "count"), null).field()).isEqualTo("top.n");
        assertThat(invalid(new Top(null, "count"), null).field()).isEqualTo("top.n");
        InvalidQuery by = invalid(new Top(5, "amount_base"), null);
        assertThat(by.field()).isEqualTo("top.by");
        assertThat(by.validValues()).containsExactly("count");
        assertThat(invalid(null, List.of(new Top(1, "count"), new Top(1, "sum"))).field()).isEqualTo("topByLevel[1].by");
        assertThat(invalid(null, List.of(new Top(1, "count"), new Top(1, "count"), new Top(1, "count"))).field()).isEqualTo("topByLevel");
        assertThat(invalid(new Top(1, "count"), List.of(new Top(1, "count"))).field()).isEqualTo("topByLevel");
        InvalidQuery noRows = catchInvalid(new PivotQuery("opportunities", List.of(), List.of("stage"), List.of("count"), List.of(),
                null, new Top(1, "count"), null));
        assertThat(noRows.field()).isEqualTo("top");
        // (other) cannot be given a distinct count by summing: refused rather than wrong
        InvalidQuery distinct = catchInvalid(new PivotQuery("stageTransitions", List.of("toStage"), List.of(),
                List.of("count", "opportunities"), List.of(), null, new Top(1, "count"), null));
        assertThat(distinct.field()).isEqualTo("top");
        assertThat(distinct.reason()).contains("opportunities");
        assertThat(new PivotQuery("stageTransitions", List.of("toStage"), List.of(), List.of("count"), List.of(), null,
                new Top(1, "count"), null).validate(PivotQueryTests.SHANGHAI).top()).hasSize(1);
    }

    private static InvalidQuery invalid(Top top, List<Top> byLevel) {
        return catchInvalid(new PivotQuery("opportunities", List.of("region", "stage"), List.of(), List.of("count"), List.of(),
                null, top, byLevel));
    }

    private static InvalidQuery catchInvalid(PivotQuery query) {
        return org.assertj.core.api.Assertions.catchThrowableOfType(InvalidQuery.class, () -> query.validate(PivotQueryTests.SHANGHAI));
    }
}
