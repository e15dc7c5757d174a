package com.pulse.olap.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pulse.olap.system.InvalidParameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecastTests {

    static final Instant READ_AT = Instant.parse("2026-11-27T12:00:00Z");
    static final YearMonth NOW = YearMonth.of(2026, 11);

    @Test
    void everyMonthOfTheHorizonIsPresentInOrderWithZerosWhereNoCellIs() {
        // given cells for two months, out of order
        List<ForecastCell> cells = List.of(
                cell("2027-01", "1.00", "2.00", "3.00", "4.00", "5.00", "6.00", "2026-11-27T10:00:00Z"),
                cell("2026-11", "10.5", "20.25", "3", "40.00", "50.00", "60.00", "2026-11-27T09:00:00Z"));

        Forecast forecast = Forecast.assemble(ForecastScope.COMPANY, new ForecastHorizon(NOW, 4), cells, READ_AT);

        assertThat(forecast.months()).containsExactly(
                month("2026-11", "10.50", "20.25", "3.00", "40.00", "50.00", "60.00"),
                zeros("2026-12"),
                month("2027-01", "1.00", "2.00", "3.00", "4.00", "5.00", "6.00"),
                zeros("2027-02"));
        assertThat(forecast.scopeType()).isEqualTo("COMPANY");
        assertThat(forecast.scopeId()).isEqualTo("company");
        assertThat(forecast.asOf()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
    }

    @Test
    void targetFiguresAreAnsweredAsStoredWithNullsKeptAndRatiosToFourDecimals() {
        ForecastCell withTarget = new ForecastCell(YearMonth.of(2026, 11), new BigDecimal("300"), new BigDecimal("900"),
                new BigDecimal("1"), new BigDecimal("1"), new BigDecimal("1"), new BigDecimal("301"),
                new BigDecimal("1000"), new BigDecimal("0.3"), new BigDecimal("700"), new BigDecimal("1.28571"), 3,
                Instant.parse("2026-11-27T10:00:00Z"));
        ForecastCell noTarget = new ForecastCell(YearMonth.of(2026, 12), new BigDecimal("5"), new BigDecimal("0"),
                new BigDecimal("0"), new BigDecimal("5"), new BigDecimal("5"), new BigDecimal("5"),
                null, null, null, null, 0, Instant.parse("2026-11-27T10:00:00Z"));

        Forecast forecast = Forecast.assemble(ForecastScope.COMPANY, new ForecastHorizon(NOW, 3), List.of(withTarget, noTarget), READ_AT);

        Forecast.Month november = forecast.months().get(0);
        assertThat(november.target()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(november.attainment()).isEqualTo(new BigDecimal("0.3000"));
        assertThat(november.gap()).isEqualTo(new BigDecimal("700.00"));
        assertThat(november.coverage()).isEqualTo(new BigDecimal("1.2857"));
        assertThat(november.overdueCount()).isEqualTo(3);
        for (Forecast.Month m : forecast.months().subList(1, 3)) {
            assertThat(m.target()).isNull();
            assertThat(m.attainment()).isNull();
            assertThat(m.gap()).isNull();
            assertThat(m.coverage()).isNull();
            assertThat(m.overdueCount()).isZero();
        }
    }

    @Test
    void accuracyListsOnlyFrozenMonthsOfTheHorizonOldestFirst() {
        FrozenMonth running = frozen("2026-11", "1500", null, null);
        FrozenMonth ended = frozen("2026-09", "1100.005", "1000", "0.1");
        FrozenMonth outside = frozen("2026-01", "1", "1", "0");

        ForecastAccuracy accuracy = ForecastAccuracy.assemble(ForecastScope.COMPANY,
                new ForecastHorizon(YearMonth.of(2026, 6), 6), List.of(running, outside, ended));

        assertThat(accuracy.from()).isEqualTo("2026-06");
        assertThat(accuracy.to()).isEqualTo("2026-11");
        assertThat(accuracy.months()).extracting(ForecastAccuracy.Month::month).containsExactly("2026-09", "2026-11");
        assertThat(accuracy.months().get(0).projected()).isEqualTo(new BigDecimal("1100.01"));
        assertThat(accuracy.months().get(0).actualClosedWon()).isEqualTo(new BigDecimal("1000.00"));
        assertThat(accuracy.months().get(0).error()).isEqualTo(new BigDecimal("0.1000"));
        assertThat(accuracy.months().get(1).actualClosedWon()).isNull();
        assertThat(accuracy.months().get(1).error()).isNull();
        assertThat(accuracy.months().get(1).target()).isNull();
    }

    static FrozenMonth frozen(String month, String projected, String actual, String error) {
        BigDecimal one = BigDecimal.ONE;
        return new FrozenMonth(YearMonth.parse(month), Instant.parse(month + "-01T00:00:00Z"), one, one, one, one, one,
                new BigDecimal(projected), null, actual == null ? null : new BigDecimal(actual),
                error == null ? null : new BigDecimal(error), actual == null ? null : Instant.parse("2026-10-31T16:00:00Z"));
    }

    @Test
    void theHorizonRunsAcrossAYearEnd() {
        assertThat(new ForecastHorizon(YearMonth.of(2026, 10), 6).list()).extracting(YearMonth::toString)
                .containsExactly("2026-10", "2026-11", "2026-12", "2027-01", "2027-02", "2027-03");
        assertThat(new ForecastHorizon(YearMonth.of(2026, 12), 24).last()).isEqualTo(YearMonth.of(2028, 11));
    }

    @Test
    void moneyIsRoundedHalfUpToCents() {
        Forecast forecast = Forecast.assemble(ForecastScope.COMPANY, new ForecastHorizon(NOW, 1), List.of(
                cell("2026-11", "10.005", "8.004", "0.015", "1234567890123456.785", "-1.005", "0", "2026-11-27T10:00:00Z")), READ_AT);

        assertThat(forecast.months()).containsExactly(
                month("2026-11", "10.01", "8.00", "0.02", "1234567890123456.79", "-1.01", "0.00"));
    }

    @Test
    void cellsOutsideTheHorizonAreNotDrawnAndDoNotMoveAsOf() {
        Forecast forecast = Forecast.assemble(ForecastScope.COMPANY, new ForecastHorizon(NOW, 2), List.of(
                cell("2026-10", "9.00", "9.00", "9.00", "9.00", "9.00", "9.00", "2026-11-27T11:00:00Z"),
                cell("2027-01", "9.00", "9.00", "9.00", "9.00", "9.00", "9.00", "2026-11-27T11:30:00Z"),
                cell("2026-12", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00", "2026-11-27T08:00:00Z")), READ_AT);

        assertThat(forecast.months()).containsExactly(zeros("2026-11"), month("2026-12", "1.00", "1.00", "1.00", "1.00", "1.00", "1.00"));
        assertThat(forecast.asOf()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void anEmptyForecastIsAllZerosAsOfTheReadTime() {
        Forecast forecast = Forecast.assemble(ForecastScope.COMPANY, ForecastHorizon.of(null, null, NOW), List.of(), READ_AT);

        assertThat(forecast.months()).hasSize(6).allSatisfy(m -> assertThat(m).isEqualTo(zeros(m.month())));
        assertThat(forecast.months().get(0).month()).isEqualTo("2026-11");
        assertThat(forecast.asOf()).isEqualTo(READ_AT);
    }

    @Test
    void theScopeDefaultsToTheCompanyAndTakesAnOwnerByUuid() {
        assertThat(ForecastScope.of(null, null)).isEqualTo(ForecastScope.COMPANY);
        assertThat(ForecastScope.of("COMPANY", "company")).isEqualTo(ForecastScope.COMPANY);
        assertThat(ForecastScope.of("OWNER", "0A1B2C3D-0000-4000-8000-00000000000F"))
                .isEqualTo(new ForecastScope("OWNER", "0a1b2c3d-0000-4000-8000-00000000000f"));
    }

    @Test
    void badScopesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> ForecastScope.of("DEPARTMENT", null)).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeType").hasMessageContaining("COMPANY, TEAM, OWNER");
        assertThatThrownBy(() -> ForecastScope.of("TEAM", "sales")).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeId").hasMessageContaining("a team id (UUID)");
        assertThatThrownBy(() -> ForecastScope.of("COMPANY", "t1")).isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("scopeId").hasMessageContaining("company");
        for (String id : new String[] {null, "company", "1-2-3-4-5", "' OR 1=1 --", "0a1b2c3d-0000-4000-8000-00000000000"}) {
            assertThatThrownBy(() -> ForecastScope.of("OWNER", id)).isInstanceOf(InvalidParameter.class)
                    .hasMessageContaining("scopeId").hasMessageContaining("UUID");
        }
    }

    @Test
    void badMonthsAndCountsAreRejectedNamingTheParameter() {
        for (String from : new String[] {"2026-13", "2026-1", "+12026-01", "2026-11-01", "nov", ""}) {
            assertThatThrownBy(() -> ForecastHorizon.of(from, null, NOW)).isInstanceOf(InvalidParameter.class)
                    .hasMessageContaining("from").hasMessageContaining("YYYY-MM");
        }
        for (String months : new String[] {"0", "25", "-1", "six", "1.5", ""}) {
            assertThatThrownBy(() -> ForecastHorizon.of(null, months, NOW)).isInstanceOf(InvalidParameter.class)
                    .hasMessageContaining("months").hasMessageContaining("1 to 24");
        }
        assertThat(ForecastHorizon.of("2027-12", "24", NOW)).isEqualTo(new ForecastHorizon(YearMonth.of(2027, 12), 24));
    }

    @Test
    void theQueryBindsTheFirstDaysOfTheFirstAndLastMonth() {
        assertThat(ForecastReader.params(ForecastScope.COMPANY, new ForecastHorizon(YearMonth.of(2026, 11), 3)))
                .containsExactly("COMPANY", "company", "2026-11-01", "2027-01-01");
        assertThat(ForecastReader.SQL).contains("FROM forecast_cells FINAL").doesNotContain("'");
    }

    static ForecastCell cell(String month, String closedWon, String pipeline, String weighted, String commit,
                             String bestCase, String projected, String changedAt) {
        return new ForecastCell(YearMonth.parse(month), new BigDecimal(closedWon), new BigDecimal(pipeline),
                new BigDecimal(weighted), new BigDecimal(commit), new BigDecimal(bestCase), new BigDecimal(projected),
                Instant.parse(changedAt));
    }

    static Forecast.Month month(String month, String closedWon, String pipeline, String weighted, String commit,
                                String bestCase, String projected) {
        return new Forecast.Month(month, new BigDecimal(closedWon), new BigDecimal(pipeline), new BigDecimal(weighted),
                new BigDecimal(commit), new BigDecimal(bestCase), new BigDecimal(projected));
    }

    static Forecast.Month zeros(String month) {
        return month(month, "0.00", "0.00", "0.00", "0.00", "0.00", "0.00");
    }
}
