package com.pulse.olap.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PivotQueryTests {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final List<String> DIMENSIONS = List.of("owner", "team", "region", "industry", "tier", "stage", "forecastCategory",
            "createdDay", "createdWeek", "createdMonth", "createdQuarter", "createdYear",
            "closedDay", "closedWeek", "closedMonth", "closedQuarter", "closedYear",
            "expectedCloseDay", "expectedCloseWeek", "expectedCloseMonth", "expectedCloseQuarter", "expectedCloseYear");
    static final List<String> MEASURES = List.of("count", "amountBase", "weighted", "avgDealSize", "winRate");

    static PivotQuery query(List<String> rows, List<String> columns, List<String> measures, List<Filter> filters) {
        return new PivotQuery("opportunities", rows, columns, measures, filters, null);
    }

    static InvalidQuery invalid(PivotQuery query) {
        return catchThrowableOfType(InvalidQuery.class, () -> query.validate(SHANGHAI));
    }

    @Test
    void theCatalogueHasTheOpportunitiesCubeWithLabelsInBothLanguages() {
        Cube cube = CubeCatalogue.cube("opportunities").orElseThrow();
        assertThat(cube.dimensions().keySet()).containsExactlyElementsOf(DIMENSIONS);
        assertThat(cube.measures().keySet()).containsExactlyElementsOf(MEASURES);
        assertThat(cube.dateFields().keySet()).containsExactly("createdDate", "closedDate", "expectedCloseDate");
        assertThat(cube.numberFields().keySet()).containsExactly("amountBase", "probability");
        cube.dimensions().values().forEach(d -> assertThat(d.labels().zhCN()).isNotBlank().isNotEqualTo(d.labels().en()));
        cube.measures().values().forEach(m -> assertThat(m.labels().zhCN()).isNotBlank().isNotEqualTo(m.labels().en()));
        assertThat(cube.dimension("closedQuarter").orElseThrow().grain()).isEqualTo(TimeGrain.QUARTER);
        assertThat(cube.dimension("owner").orElseThrow().grain()).isNull();
    }

    @Test
    void aValidQueryResolvesEveryNameToItsCatalogueEntry() {
        Pivot pivot = query(List.of("team", "owner"), List.of("closedMonth"), List.of("winRate", "count"), List.of()).validate(SHANGHAI);
        assertThat(pivot.rows()).extracting(Dimension::name).containsExactly("team", "owner");
        assertThat(pivot.columns()).extracting(Dimension::name).containsExactly("closedMonth");
        assertThat(pivot.measures()).extracting(Measure::name).containsExactly("winRate", "count");
        assertThat(pivot.sort()).isEqualTo(Sort.DEFAULT);
    }

    @Test
    void unknownNamesAreRefusedNamingTheFieldAndListingTheValidNames() {
        InvalidQuery cube = invalid(new PivotQuery("leads'--", List.of(), List.of(), List.of("count"), List.of(), null));
        assertThat(cube.field()).isEqualTo("cube");
        assertThat(cube.validValues()).containsExactly("opportunities", "stageTransitions", "openDeals", "leads", "activities", "targets");

        InvalidQuery row = invalid(query(List.of("stage", "owner_id"), List.of(), List.of("count"), List.of()));
        assertThat(row.field()).isEqualTo("rows[1]");
        assertThat(row.reason()).contains("'owner_id'");
        assertThat(row.validValues()).containsExactlyElementsOf(DIMENSIONS);

        InvalidQuery column = invalid(query(List.of(), Collections.singletonList(null), List.of("count"), List.of()));
        assertThat(column.field()).isEqualTo("columns[0]");

        InvalidQuery measure = invalid(query(List.of(), List.of(), List.of("count", "sum(amount_base)"), List.of()));
        assertThat(measure.field()).isEqualTo("measures[1]");
        assertThat(measure.validValues()).containsExactlyElementsOf(MEASURES);

        assertThat(invalid(query(List.of(), List.of(), List.of(), List.of())).field()).isEqualTo("measures");

        InvalidQuery field = invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.eq("deleted", "1"))));
        assertThat(field.field()).isEqualTo("filters[0].field");
        assertThat(field.validValues()).contains("owner", "amountBase", "createdDate");

        InvalidQuery op = invalid(query(List.of(), List.of(), List.of("count"),
                List.of(Filter.eq("stage", "PROPOSAL"), new Filter("stage", "like", "%", null, null, null))));
        assertThat(op.field()).isEqualTo("filters[1].op");
        assertThat(op.validValues()).containsExactly("eq", "in");

        InvalidQuery sort = invalid(new PivotQuery("opportunities", List.of("stage"), List.of(), List.of("count"), List.of(),
                new Sort("amountBase", "asc")));
        assertThat(sort.field()).isEqualTo("sort.by");
        assertThat(sort.validValues()).containsExactly("member", "count");
        assertThat(invalid(new PivotQuery("opportunities", List.of("stage"), List.of(), List.of("count"), List.of(),
                new Sort("count", "up; DROP"))).field()).isEqualTo("sort.direction");
    }

    @Test
    void aDimensionTwiceOrTooManyDimensionsIsRefused() {
        assertThat(invalid(query(List.of("stage"), List.of("stage"), List.of("count"), List.of())).field()).isEqualTo("columns[0]");
        assertThat(invalid(query(List.of("stage", "stage"), List.of(), List.of("count"), List.of())).field()).isEqualTo("rows[1]");
        assertThat(invalid(query(List.of("owner", "team", "region", "industry"), List.of("tier", "stage", "createdMonth"),
                List.of("count"), List.of())).field()).isEqualTo("rows");
        assertThat(invalid(query(List.of(), List.of(), List.of("count", "count"), List.of())).field()).isEqualTo("measures[1]");
    }

    @Test
    void filterValuesAreCheckedAndTyped() {
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.in("stage", List.of())))).field())
                .isEqualTo("filters[0].values");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.eq("stage", null)))).field())
                .isEqualTo("filters[0].value");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.eq("stage", "x".repeat(1001))))).field())
                .isEqualTo("filters[0].value");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.range("amountBase", "1e3", null)))).field())
                .isEqualTo("filters[0].from");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.range("probability", null, "50.5")))).field())
                .isEqualTo("filters[0].to");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.range("amountBase", null, null)))).field())
                .isEqualTo("filters[0]");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.between("closedDate", "2026-02-30", "2026-03-01")))).field())
                .isEqualTo("filters[0].from");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.between("closedDate", "2026-03-02", "2026-03-01")))).field())
                .isEqualTo("filters[0].to");
        assertThat(invalid(query(List.of(), List.of(), List.of("count"), List.of(Filter.between("amountBase", "1", "2")))).field())
                .isEqualTo("filters[0].op");

        Pivot pivot = query(List.of(), List.of(), List.of("count"), List.of(
                Filter.range("amountBase", "100", "400.5"), Filter.range("probability", "20", null),
                Filter.between("createdDate", "2026-01-01", "2026-03-31"),
                Filter.between("expectedCloseDate", "2026-03-01", "2026-03-31"))).validate(SHANGHAI);
        assertThat(pivot.filters().get(0).params()).containsExactly(new BigDecimal("100"), new BigDecimal("400.5"));
        assertThat(pivot.filters().get(1).params()).containsExactly(20L);
        // the company's midnights (UTC+8) starting the first day and the day after the last
        assertThat(pivot.filters().get(2).params()).containsExactly(
                Instant.parse("2025-12-31T16:00:00Z"), Instant.parse("2026-03-31T16:00:00Z"));
        assertThat(pivot.filters().get(3).params()).containsExactly(LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
    }

    @Test
    void timeGrainsWalkTheCalendarAcrossYearEnds() {
        assertThat(TimeGrain.MONTH.next("2026-12")).isEqualTo("2027-01");
        assertThat(TimeGrain.MONTH.next("2026-09")).isEqualTo("2026-10");
        assertThat(TimeGrain.QUARTER.next("2026-Q4")).isEqualTo("2027-Q1");
        assertThat(TimeGrain.QUARTER.next("2026-Q2")).isEqualTo("2026-Q3");
        assertThat(TimeGrain.YEAR.next("2026")).isEqualTo("2027");
        assertThat(TimeGrain.DAY.next("2026-02-28")).isEqualTo("2026-03-01");
        assertThat(TimeGrain.WEEK.next("2026-12-28")).isEqualTo("2027-01-04");
        assertThat(TimeGrain.WEEK.isPeriod("2026-12-28")).isTrue();
        assertThat(TimeGrain.DAY.isPeriod("2026-12")).isFalse();
        assertThat(TimeGrain.MONTH.isPeriod(Dimension.NONE)).isFalse();
        assertThat(TimeGrain.MONTH.isPeriod("2026-13")).isFalse();
        assertThatThrownBy(() -> new PivotQuery(null, null, null, List.of("count"), null, null).validate(SHANGHAI))
                .isInstanceOf(InvalidQuery.class).hasMessageContaining("cube");
    }
}
